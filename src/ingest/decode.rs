//! Bytes to text: BOM, then UTF-8, then a statistical detector for legacy encodings.
//!
//! The order matters. A BOM is an explicit declaration and wins. Valid UTF-8 is almost never
//! an accident for non-ASCII text, so it comes next. Only then do we guess, with chardetng
//! (the detector Firefox uses), which knows windows-1252, windows-1256, ISO-8859-6 and the rest.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::DocError;

/// Text decoded from bytes, with the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
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
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DocError::Decode(format!("unknown encoding {label:?}")))?;
        return finish(enc, bytes);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(enc, bytes);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(DocError::Binary(what));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "utf-8".into() }),
        // A download cut in the middle of a multi-byte character is still UTF-8.
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            finish(UTF_8, bytes)
        }
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            finish(detector.guess(None, true), bytes)
        }
    }
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DocError> {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: enc.name().to_ascii_lowercase() })
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
}
