//! Bytes to text: the charset comes from, in order, a BOM, the user's `encoding=`, the HTTP
//! header (WARC responses), an HTML `<meta>` declaration, valid UTF-8, then a statistical
//! detector for legacy encodings.
//!
//! The order matters. A BOM is an explicit declaration and wins. The HTTP header and
//! `<meta>` follow, in the order browsers apply them (HTML Standard, "determining the
//! character encoding"), with its rules: a declared `iso-8859-1`, `latin1` or `us-ascii`
//! means windows-1252 (the WHATWG labels of `encoding_rs` do that), and a `<meta>` naming
//! UTF-16 means UTF-8. One guard departs from browsers: a declaration of a legacy encoding
//! loses to bytes that are valid UTF-8 with multi-byte sequences, because servers that label
//! every page `iso-8859-1` are common in crawls and valid UTF-8 is almost never an accident.
//! Valid UTF-8 comes next. Only then do we guess, with chardetng (the detector Firefox
//! uses), which knows windows-1252, windows-1256, ISO-8859-6, GBK, KOI8-R and the rest.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::DocError;

/// How many leading bytes of an HTML document are searched for a `<meta>` charset.
/// Browsers look at 1024; pages with long `<head>` scripts declare later, so we look further.
pub const META_SCAN_BYTES: usize = 4096;

/// Text decoded from bytes, with the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
    /// What decided the encoding.
    pub via: Via,
}

/// What decided the encoding of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Bom,
    /// The `encoding=` option.
    Forced,
    /// The charset parameter of an HTTP `Content-Type` header.
    Http,
    /// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
    Meta,
    /// No declaration: UTF-16 without a BOM, or valid UTF-8.
    Sniffed,
    /// The chardetng detector.
    Detector,
}

/// Where a document's charset may be declared, besides its own first bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Declared<'a> {
    /// The user's `encoding=` (any WHATWG label); beaten only by a BOM.
    pub forced: Option<&'a str>,
    /// The charset parameter of the HTTP `Content-Type` header; an unknown label is ignored.
    pub http: Option<&'a str>,
    /// The bytes are HTML: look for a `<meta>` declaration.
    pub html: bool,
}

/// Known binary signatures: a renamed image or archive should say what it is.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"PAR1", "Parquet file"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
];

/// Decodes `bytes`, or explains why they are not text.
///
/// `forced` names an encoding (any WHATWG label, e.g. `"windows-1256"`) that overrides
/// detection; a BOM still wins over it, as in browsers.
///
/// ```
/// let d = newsframe::ingest::decode::decode(b"caf\xe9", Some("latin1")).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding.as_str()), ("café", "windows-1252"));
/// ```
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DocError> {
    decode_declared(bytes, Declared { forced, ..Declared::default() })
}

/// Decodes `bytes` with what is declared about them: BOM, then `forced`, then the HTTP
/// header charset, then (for HTML) a `<meta>` charset in the first [`META_SCAN_BYTES`], then
/// UTF-8, then the detector.
///
/// ```
/// use newsframe::ingest::decode::{decode_declared, Declared, Via};
/// let page = b"<meta charset=windows-1256><p>\xc7\xe1\xcc\xd2\xc7\xc6\xd1</p>";
/// let d = decode_declared(page, Declared { html: true, ..Declared::default() }).unwrap();
/// assert_eq!((d.encoding.as_str(), d.via), ("windows-1256", Via::Meta));
/// assert!(d.text.contains("الجزائر"));
/// // The HTTP header wins over <meta>.
/// let d = decode_declared(page, Declared { http: Some("iso-8859-6"), html: true, ..Declared::default() }).unwrap();
/// assert_eq!((d.encoding.as_str(), d.via), ("iso-8859-6", Via::Http));
/// ```
pub fn decode_declared(bytes: &[u8], declared: Declared<'_>) -> Result<Decoded, DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(finish(enc, &bytes[bom_len..], Via::Bom));
    }
    if let Some(label) = declared.forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DocError::Decode(format!("unknown encoding {label:?}")))?;
        return Ok(finish(enc, bytes, Via::Forced));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(finish(enc, bytes, Via::Sniffed));
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(DocError::Binary(what));
    }
    let http = declared.http.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let meta = || if declared.html { meta_charset(bytes) } else { None };
    if let Some((enc, via)) = http.map(|e| (e, Via::Http)).or_else(|| meta().map(|e| (e, Via::Meta))) {
        if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE || !is_multibyte_utf8(bytes) {
            return Ok(finish(enc, bytes, via));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "utf-8".into(), via: Via::Sniffed }),
        // A download cut in the middle of a multi-byte character is still UTF-8.
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            Ok(finish(UTF_8, bytes, Via::Sniffed))
        }
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            Ok(finish(detector.guess(None, true), bytes, Via::Detector))
        }
    }
}

/// Valid UTF-8 (allowing a cut at the end) with at least one multi-byte sequence.
fn is_multibyte_utf8(bytes: &[u8]) -> bool {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len(),
    };
    valid && !bytes.is_ascii()
}

/// The encoding declared by a `<meta>` element in the first [`META_SCAN_BYTES`] of an HTML
/// document, following the HTML Standard's prescan: comments and other tags are skipped, and
/// `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">` count.
///
/// ```
/// use newsframe::ingest::decode::meta_charset;
/// let head = b"<!-- <meta charset=koi8-r> --><meta http-equiv=Content-Type content='text/html; charset=gb2312'>";
/// assert_eq!(meta_charset(head).map(|e| e.name()), Some("GBK"));
/// ```
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            // The "-->" may share the dashes of "<!--", as in "<!-->".
            i += 2 + find(&rest[2..], b"-->").map_or(rest.len(), |j| j + 3);
        } else if starts_with_ci(rest, b"<meta") && rest.get(5).is_some_and(|&c| is_space(c) || c == b'/') {
            let mut j = i + 5;
            let (mut charset, mut pragma, mut content_charset) = (None, false, None);
            while let Some((name, value, next)) = attribute(b, j) {
                j = next;
                match name.as_slice() {
                    b"charset" if charset.is_none() => charset = Some(value),
                    b"http-equiv" => pragma |= value.eq_ignore_ascii_case(b"content-type"),
                    b"content" if content_charset.is_none() => content_charset = charset_in_content(&value),
                    _ => {}
                }
            }
            i = j;
            let label = charset.or(if pragma { content_charset } else { None });
            if let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim_ascii())) {
                // A page that can declare itself in ASCII is not UTF-16 (HTML Standard).
                if enc == UTF_16LE || enc == UTF_16BE {
                    return Some(UTF_8);
                }
                if enc.name() == "x-user-defined" {
                    return Some(WINDOWS_1252);
                }
                return Some(enc);
            }
        } else if rest.len() > 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest[2].is_ascii_alphabetic()))
        {
            // Another tag: skip its name and attributes, whose values may hold a '>'.
            let mut j = i + 1;
            while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                j += 1;
            }
            while let Some((_, _, next)) = attribute(b, j) {
                j = next;
            }
            i = j;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += find(rest, b">").map_or(rest.len(), |j| j + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// Reads one attribute at `b[i..]` (the HTML Standard's "get an attribute"): its lowercased
/// name, its value, and where the next one starts. `None` at the end of the tag.
fn attribute(b: &[u8], mut i: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
        i += 1;
    }
    if i >= b.len() || b[i] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>') && (b[i] != b'=' || name.is_empty()) {
        name.push(b[i].to_ascii_lowercase());
        i += 1;
    }
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    if i >= b.len() || b[i] != b'=' {
        return Some((name, Vec::new(), i));
    }
    i += 1;
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    let mut value = Vec::new();
    match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            i += 1;
            while i < b.len() && b[i] != q {
                value.push(b[i].to_ascii_lowercase());
                i += 1;
            }
            i += 1;
        }
        _ => {
            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                value.push(b[i].to_ascii_lowercase());
                i += 1;
            }
        }
    }
    Some((name, value, i.min(b.len())))
}

/// The charset named in a `content` attribute or a `Content-Type` value
/// (`text/html; charset="windows-1256"`), as the HTML Standard extracts it.
pub fn charset_in_content(content: &[u8]) -> Option<Vec<u8>> {
    let mut i = 0;
    loop {
        let at = i + find_ci(&content[i..], b"charset")?;
        let mut j = at + 7;
        while j < content.len() && is_space(content[j]) {
            j += 1;
        }
        if content.get(j) != Some(&b'=') {
            i = at + 7;
            continue;
        }
        j += 1;
        while j < content.len() && is_space(content[j]) {
            j += 1;
        }
        return match content.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = content[j + 1..].iter().position(|&c| c == q)?;
                Some(content[j + 1..j + 1 + end].to_vec())
            }
            Some(_) => {
                let end = content[j..].iter().position(|&c| is_space(c) || c == b';').unwrap_or(content.len() - j);
                Some(content[j..j + end].to_vec())
            }
            None => None,
        };
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn finish(enc: &'static Encoding, bytes: &[u8], via: Via) -> Decoded {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name().to_ascii_lowercase(), via }
}

/// UTF-16 without a BOM shows up as a NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 4 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 4 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Returns a description when `bytes` look like binary data rather than text.
pub fn binary_kind(bytes: &[u8]) -> Option<String> {
    for (magic, what) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Some((*what).to_string());
        }
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    if sample.contains(&0) && controls * 100 >= sample.len() {
        return Some(format!("{controls} NUL or control bytes in the first {} bytes", sample.len()));
    }
    if controls * 10 > sample.len() {
        return Some(format!("{controls} control bytes in the first {} bytes", sample.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc_of(bytes: &[u8]) -> Result<String, DocError> {
        decode(bytes, None).map(|d| d.encoding)
    }

    #[test]
    fn decode_detects_encodings() {
        let arabic = "الجزائر وروسيا توقعان اتفاقية تعاون عسكري جديدة في العاصمة";
        let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"plain ascii".to_vec(), "utf-8"),
            ("caf\u{e9} cr\u{e8}me".as_bytes().to_vec(), "utf-8"),
            (b"caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade".to_vec(), "windows-1252"),
            (w1256.into_owned(), "windows-1256"),
            ([&b"\xef\xbb\xbf"[..], b"bom"].concat(), "utf-8"),
            ([&b"\xff\xfe"[..], b"h\0i\0"].concat(), "utf-16le"),
            (b"h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0".to_vec(), "utf-16le"),
            (b"\0h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d".to_vec(), "utf-16be"),
        ];
        for (bytes, want) in cases {
            assert_eq!(enc_of(&bytes).unwrap(), want, "{bytes:?}");
        }
    }

    #[test]
    fn decode_round_trips_windows_1256() {
        let arabic = "الجزائر وروسيا توقعان اتفاقية تعاون عسكري جديدة في العاصمة";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        assert_eq!(decode(&bytes, None).unwrap().text, arabic);
    }

    #[test]
    fn decode_rejects_binary_and_empty() {
        assert_eq!(decode(b"", None), Err(DocError::Empty));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", None), Err(DocError::Binary(_))));
        assert!(matches!(decode(&[0u8; 64], None), Err(DocError::Binary(_))));
        assert!(matches!(decode(b"%PDF-1.4 ...", None), Err(DocError::Binary(_))));
    }

    #[test]
    fn decode_keeps_truncated_utf8() {
        let mut bytes = "Algérie".as_bytes().to_vec();
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.starts_with("Algérie"));
    }

    #[test]
    fn decode_forced_label() {
        let d = decode(b"caf\xe9", Some("latin1")).unwrap();
        assert_eq!(d.text, "café");
        assert!(matches!(decode(b"x", Some("klingon")), Err(DocError::Decode(_))));
    }

    fn html(bytes: &[u8], http: Option<&str>) -> Decoded {
        decode_declared(bytes, Declared { http, html: true, ..Declared::default() }).unwrap()
    }

    fn page(head: &str, body: &str, enc: &'static Encoding) -> Vec<u8> {
        let (b, _, unmappable) = enc.encode(body);
        assert!(!unmappable, "{body} in {}", enc.name());
        [format!("<html><head>{head}<title>t</title></head><body><p>").as_bytes(), &b, b"</p></body></html>"].concat()
    }

    const ARABIC: &str = "وقعت الجزائر وروسيا اتفاقية تعاون عسكري جديدة في العاصمة يوم الإثنين";
    const FRENCH: &str = "L'Algérie et la Russie ont signé un accord de coopération à Alger, où l'été est très chaud";
    const RUSSIAN: &str = "Алжир и Россия подписали новое соглашение о военном сотрудничестве в столице";
    const CHINESE: &str = "阿尔及利亚和俄罗斯在首都签署了新的军事合作协议";

    #[test]
    fn meta_declarations_are_followed() {
        let cases: &[(&str, &str, &'static Encoding, &str)] = &[
            (ARABIC, "<meta charset=\"windows-1256\">", encoding_rs::WINDOWS_1256, "windows-1256"),
            (ARABIC, "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">", encoding_rs::WINDOWS_1256, "windows-1256"),
            (FRENCH, "<meta charset='iso-8859-1'>", WINDOWS_1252, "windows-1252"),
            (FRENCH, "<meta http-equiv=content-type content=\"text/html;charset=latin1\">", WINDOWS_1252, "windows-1252"),
            (RUSSIAN, "<meta charset=windows-1251>", encoding_rs::WINDOWS_1251, "windows-1251"),
            (RUSSIAN, "<meta content=\"text/html; charset=koi8-r\" http-equiv=\"content-type\" />", encoding_rs::KOI8_R, "koi8-r"),
            (CHINESE, "<meta charset=gbk>", encoding_rs::GBK, "gbk"),
            (CHINESE, "<meta charset=gb2312>", encoding_rs::GBK, "gbk"),
            (CHINESE, "<meta charset=gb18030>", encoding_rs::GB18030, "gb18030"),
        ];
        for (text, head, enc, want) in cases {
            let d = html(&page(head, text, enc), None);
            assert_eq!((d.encoding.as_str(), d.via), (*want, Via::Meta), "{head}");
            assert!(d.text.contains(text), "{head}: {}", d.text);
        }
    }

    #[test]
    fn http_header_charset_is_followed() {
        let cases: &[(&str, &str, &'static Encoding)] = &[
            (ARABIC, "windows-1256", encoding_rs::WINDOWS_1256),
            (RUSSIAN, "KOI8-R", encoding_rs::KOI8_R),
            (CHINESE, "\"gb18030\"", encoding_rs::GB18030),
            (FRENCH, "ISO-8859-1", WINDOWS_1252),
        ];
        for (text, label, enc) in cases {
            let bytes = page("", text, enc);
            let content_type = format!("text/html; charset={label}");
            let charset = charset_in_content(content_type.as_bytes()).unwrap();
            let d = html(&bytes, Some(std::str::from_utf8(&charset).unwrap()));
            assert_eq!((d.encoding.as_str(), d.via), (enc.name().to_ascii_lowercase().as_str(), Via::Http), "{label}");
            assert!(d.text.contains(text), "{label}: {}", d.text);
        }
    }

    #[test]
    fn precedence_bom_then_header_then_meta_then_detector() {
        // windows-1251 bytes, declared koi8-r in <meta>: the header's windows-1251 must win.
        let bytes = page("<meta charset=koi8-r>", RUSSIAN, encoding_rs::WINDOWS_1251);
        let d = html(&bytes, Some("windows-1251"));
        assert_eq!((d.encoding.as_str(), d.via), ("windows-1251", Via::Http));
        assert!(d.text.contains(RUSSIAN));
        assert_eq!(html(&bytes, None).encoding, "koi8-r");
        // An unknown header label is ignored, not fatal.
        assert_eq!(html(&bytes, Some("no-such-charset")).via, Via::Meta);
        // A BOM beats both.
        let utf8 = [&b"\xef\xbb\xbf"[..], &page("<meta charset=koi8-r>", RUSSIAN, UTF_8)].concat();
        let d = html(&utf8, Some("windows-1251"));
        assert_eq!((d.encoding.as_str(), d.via), ("utf-8", Via::Bom));
        assert!(d.text.contains(RUSSIAN));
        // No declaration: the detector.
        let d = html(&page("", ARABIC, encoding_rs::WINDOWS_1256), None);
        assert_eq!((d.encoding.as_str(), d.via), ("windows-1256", Via::Detector));
        // <meta> is only looked for in HTML.
        let d = decode(&page("<meta charset=koi8-r>", RUSSIAN, encoding_rs::WINDOWS_1251), None).unwrap();
        assert_eq!(d.via, Via::Detector);
        // The user's encoding beats the header.
        let forced = Declared { forced: Some("koi8-r"), http: Some("windows-1251"), html: true };
        assert_eq!(decode_declared(&bytes, forced).unwrap().via, Via::Forced);
    }

    #[test]
    fn declared_legacy_charset_loses_to_multibyte_utf8() {
        let bytes = page("<meta charset=iso-8859-1>", FRENCH, UTF_8);
        let d = html(&bytes, Some("iso-8859-1"));
        assert_eq!((d.encoding.as_str(), d.via), ("utf-8", Via::Sniffed));
        assert!(d.text.contains(FRENCH));
        // Pure ASCII follows the declaration: nothing contradicts it.
        assert_eq!(html(b"<meta charset=iso-8859-1><p>plain</p>", None).via, Via::Meta);
    }

    #[test]
    fn meta_prescan_rules() {
        let enc = |s: &str| meta_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(enc("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(enc("<meta charset=x-user-defined>"), Some("windows-1252"));
        assert_eq!(enc("<!-- <meta charset=koi8-r> --><meta charset=gbk>"), Some("GBK"));
        assert_eq!(enc("<!--><meta charset=gbk>"), Some("GBK"));
        assert_eq!(enc("<div title='<meta charset=koi8-r>'><meta charset=gbk>"), Some("GBK"));
        // content= without http-equiv is not a declaration.
        assert_eq!(enc("<meta content='text/html; charset=koi8-r'>"), None);
        assert_eq!(enc("<meta name=description content='charset=koi8-r'><meta charset=big5>"), Some("Big5"));
        assert_eq!(enc("<meta charset=klingon><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(enc("<metadata charset=koi8-r>"), None);
        let late = format!("<script>{}</script><meta charset=koi8-r>", "x".repeat(META_SCAN_BYTES));
        assert_eq!(enc(&late), None);
        assert_eq!(enc("<meta charset"), None);
        assert_eq!(enc("<meta charset='gbk"), Some("GBK"));
    }

    #[test]
    fn charset_in_content_cases() {
        let c = |s: &str| charset_in_content(s.as_bytes()).map(|v| String::from_utf8(v).unwrap());
        assert_eq!(c("text/html; charset=UTF-8").as_deref(), Some("UTF-8"));
        assert_eq!(c("text/html;charset = \"windows-1256\" ; x=y").as_deref(), Some("windows-1256"));
        assert_eq!(c("text/html; charsetx; charset='koi8-r'").as_deref(), Some("koi8-r"));
        assert_eq!(c("text/html"), None);
        assert_eq!(c("text/html; charset=\"unterminated"), None);
    }
}
