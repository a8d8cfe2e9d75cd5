"""A minimal WARC/1.1 writer for tests and benchmarks (records laid out as crawlers write them).

Not part of the package: newsframe only reads WARC files.
"""

from __future__ import annotations

import gzip
import uuid
from typing import Optional


def record(warc_type: str, block: bytes, uri: Optional[str] = None, record_id: Optional[str] = None,
           content_type: Optional[str] = None, extra: Optional[dict[str, str]] = None) -> bytes:
    """One WARC record: version line, named fields, blank line, block, two CRLFs."""
    fields = {"WARC-Type": warc_type, "WARC-Record-ID": record_id or f"<urn:uuid:{uuid.uuid4()}>",
              "WARC-Date": "2024-12-01T10:00:00Z"}
    if uri is not None:
        fields["WARC-Target-URI"] = uri
    if content_type is not None:
        fields["Content-Type"] = content_type
    fields.update(extra or {})
    fields["Content-Length"] = str(len(block))
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: Optional[str] = "text/html; charset=utf-8", status: str = "200 OK",
                  headers: Optional[dict[str, str]] = None) -> bytes:
    """An HTTP/1.1 response as stored in a WARC ``response`` record."""
    fields = {} if content_type is None else {"Content-Type": content_type}
    fields.update(headers or {})
    fields["Content-Length"] = str(len(body))
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
    return head.encode("latin-1") + body


def response(uri: str, record_id: str, http: bytes, extra: Optional[dict[str, str]] = None) -> bytes:
    return record("response", http, uri=uri, record_id=record_id,
                  content_type="application/http; msgtype=response", extra=extra)


def request(uri: str) -> bytes:
    host = uri.split("/")[2]
    return record("request", f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(), uri=uri,
                  content_type="application/http; msgtype=request")


def warcinfo() -> bytes:
    return record("warcinfo", b"software: newsframe-tests\r\nformat: WARC File Format 1.1\r\n",
                  content_type="application/warc-fields")


def metadata(uri: str) -> bytes:
    return record("metadata", b"fetchTimeMs: 120\r\n", uri=uri, content_type="application/warc-fields")


def revisit(uri: str) -> bytes:
    return record("revisit", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", uri=uri,
                  extra={"WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                         "WARC-Refers-To": "<urn:uuid:00000000-0000-0000-0000-000000000000>"})


def gzip_members(records: list[bytes]) -> bytes:
    """One gzip member per record, as Common Crawl writes ``.warc.gz``."""
    return b"".join(gzip.compress(r, compresslevel=1, mtime=0) for r in records)
