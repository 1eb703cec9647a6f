//! Text encodings of files on disk: detect, decode, and encode back exactly.
//!
//! Pipeline: byte-order mark; strict UTF-8; otherwise chardetng on the first 64 KiB,
//! accepting GB18030/GBK and Big5. A file is written back in the encoding it was read in,
//! with its BOM, so `gongwen fix` never changes a file's encoding.

use std::fmt;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16LE};

/// An encoding gongwen reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    Big5,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Big5 => "Big5",
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A file's text and how to write it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub bom: bool,
}

/// Why a file's bytes are not text gongwen can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    /// Bytes that are not valid in any supported encoding.
    Undecodable,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary file"),
            DecodeError::Undecodable => {
                f.write_str("not text in UTF-8, UTF-16, GB18030/GBK or Big5")
            }
        }
    }
}

const SAMPLE: usize = 64 * 1024;

/// Decodes a file's bytes, detecting the encoding.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8
        } else if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Undecodable);
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: kind,
            bom: true,
        });
    }
    if looks_binary(&bytes[..bytes.len().min(SAMPLE)]) {
        return Err(DecodeError::Binary);
    }
    // Valid UTF-8 becomes the text without a copy.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: TextEncoding::Utf8,
                bom: false,
            });
        }
        Err(err) => err.into_bytes(),
    };
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (encoding, kind) = if guess == GBK || guess == GB18030 {
        (GB18030, TextEncoding::Gb18030)
    } else if guess == BIG5 {
        (BIG5, TextEncoding::Big5)
    } else {
        return Err(DecodeError::Undecodable);
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    if had_errors {
        return Err(DecodeError::Undecodable);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: kind,
        bom: false,
    })
}

/// NUL bytes, or many control characters, mean binary. (UTF-16 without a BOM is not
/// supported and reads as binary.)
fn looks_binary(sample: &[u8]) -> bool {
    if memchr_nul(sample) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > sample.len().max(1)
}

fn memchr_nul(sample: &[u8]) -> bool {
    sample.contains(&0)
}

/// Encodes text back into a file's encoding. Characters the encoding cannot hold are an
/// error (GB18030 and the UTF forms hold every character; Big5 does not).
pub fn encode(text: &str, encoding: TextEncoding, bom: bool) -> Result<Vec<u8>, char> {
    let mut out = Vec::with_capacity(text.len() + 3);
    match encoding {
        TextEncoding::Utf8 => {
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let little = encoding == TextEncoding::Utf16Le;
            if bom {
                out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            }
            for unit in text.encode_utf16() {
                out.extend_from_slice(&if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
        }
        TextEncoding::Gb18030 | TextEncoding::Big5 => {
            let target = if encoding == TextEncoding::Gb18030 {
                GB18030
            } else {
                BIG5
            };
            let mut encoder = target.new_encoder();
            let mut buffer = vec![
                0u8;
                encoder
                    .max_buffer_length_from_utf8_without_replacement(text.len())
                    .unwrap_or(text.len() * 4 + 16)
            ];
            let (result, read, written) =
                encoder.encode_from_utf8_without_replacement(text, &mut buffer, true);
            match result {
                encoding_rs::EncoderResult::InputEmpty => out.extend_from_slice(&buffer[..written]),
                encoding_rs::EncoderResult::Unmappable(c) => return Err(c),
                encoding_rs::EncoderResult::OutputFull => {
                    let _ = read;
                    return Err('\u{FFFD}');
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "各地区、各部门：\r\n现将《关于做好工作的通知》（国办发〔2019〕5号）印发给你们。𠀀\n";

    #[test]
    fn round_trips_every_encoding() {
        for encoding in [
            TextEncoding::Utf8,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
            TextEncoding::Gb18030,
        ] {
            for bom in [false, true] {
                // UTF-16 is read only with a BOM; GB18030 has none of its own (a leading
                // U+FEFF is text, and round-trips as text).
                let unsupported = match encoding {
                    TextEncoding::Utf16Le | TextEncoding::Utf16Be => !bom,
                    TextEncoding::Gb18030 => bom,
                    _ => false,
                };
                if unsupported {
                    continue;
                }
                let bytes = encode(TEXT, encoding, bom).unwrap();
                let decoded = decode(bytes.clone()).unwrap();
                assert_eq!(
                    decoded,
                    Decoded {
                        text: TEXT.to_string(),
                        encoding,
                        bom
                    },
                    "{encoding} bom={bom}"
                );
                assert_eq!(encode(&decoded.text, encoding, bom).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn detects_big5() {
        let text = "中央保持共產黨員先進性教育活動領導小組發出通知，要求各地區各部門認真貫徹落實。"
            .repeat(4);
        let bytes = encode(&text, TextEncoding::Big5, false).unwrap();
        let decoded = decode(bytes.clone()).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Big5);
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn rejects_binary_and_garbage() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec()),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(vec![0xff, 0xfe, 0x00, 0xd8]).unwrap_err(),
            DecodeError::Undecodable
        );
        assert!(encode("𠀀", TextEncoding::Big5, false).is_err());
    }
}
