//! Text input: PEM blocks anywhere inside other text (e-mails, `openssl s_client`
//! transcripts, `openssl x509 -text` dumps), or bare base64.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

use super::der::sequence_len;
use super::{InputForm, Piece};
use crate::rules;

/// Lenient base64: padding optional, trailing bits allowed.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The shortest run of base64 text worth trying as a bare certificate.
const MIN_BARE_BASE64: usize = 64;

/// Decode input bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM,
/// or Latin-1 when most bytes are printable. `None` for binary data.
pub(crate) fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Some(String::from_utf8_lossy(rest).into_owned());
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|pair| {
            if le {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Some(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Some(utf16(rest, false));
    }
    let control = bytes
        .iter()
        .filter(|b| (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c)) || **b == 0x7f)
        .count();
    if control * 20 > bytes.len() {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(_) => Some(bytes.iter().map(|b| char::from(*b)).collect()),
    }
}

/// One line of the input after clean-up, with its 1-based line number.
struct Line {
    number: usize,
    text: String,
}

/// Clean one raw line: odd spaces become spaces, invisible characters go,
/// e-mail quoting (`> `, `>> `) is stripped, and the line is trimmed.
fn clean_line(raw: &str) -> String {
    let mut text: String = raw
        .chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => None,
            c => Some(c),
        })
        .collect();
    loop {
        let trimmed = text.trim_start();
        match trimmed.strip_prefix('>') {
            Some(rest) => text = rest.to_string(),
            None => break,
        }
    }
    text.trim().to_string()
}

/// Split the text into clean lines; a PEM boundary in the middle of a line
/// (a PEM flattened onto one line) stands on a line of its own.
fn clean_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        for part in split_at_markers(&clean_line(raw)) {
            lines.push(Line {
                number: index + 1,
                text: part,
            });
        }
    }
    lines
}

/// Cut a line before and after every `-----BEGIN …-----` / `-----END …-----` marker.
fn split_at_markers(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(start) = [rest.find("-----BEGIN"), rest.find("-----END")]
        .into_iter()
        .flatten()
        .min()
    {
        let before = rest[..start].trim();
        if !before.is_empty() {
            parts.push(before.to_string());
        }
        let marker = &rest[start..];
        let label_and_tail = marker.trim_start_matches('-');
        let end = match label_and_tail.find('-') {
            Some(pos) => marker.len() - label_and_tail[pos..].trim_start_matches('-').len(),
            None => marker.len(),
        };
        parts.push(marker[..end].trim().to_string());
        rest = &marker[end..];
    }
    if !rest.trim().is_empty() || parts.is_empty() {
        parts.push(rest.trim().to_string());
    }
    parts
}

/// A PEM boundary line: `-----BEGIN LABEL-----` or `-----END LABEL-----`.
#[derive(Debug, PartialEq, Eq)]
enum Boundary {
    Begin(String),
    End(String),
}

fn boundary(line: &str) -> Option<Boundary> {
    let body = line.trim();
    let stripped = body.trim_start_matches('-');
    if body.len() - stripped.len() < 3 {
        return None;
    }
    let (is_begin, rest) = if let Some(rest) = stripped.strip_prefix("BEGIN ") {
        (true, rest)
    } else if let Some(rest) = stripped.strip_prefix("END ") {
        (false, rest)
    } else {
        return None;
    };
    let label = rest.trim_end_matches('-');
    if rest.len() - label.len() < 3 {
        return None;
    }
    let label = label.trim().to_ascii_uppercase();
    Some(if is_begin {
        Boundary::Begin(label)
    } else {
        Boundary::End(label)
    })
}

fn is_base64_line(line: &str) -> bool {
    !line.is_empty()
        && line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b' ' | b'\t'))
}

fn line_range(first: usize, last: usize) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}-{last}")
    }
}

/// Split text into pieces: PEM blocks, bare base64 certificates, and ignored text.
pub(crate) fn split_text(text: &str) -> Vec<Piece> {
    let lines = clean_lines(text);
    let mut used = vec![false; lines.len()];
    let mut pieces = Vec::new();
    let mut found_block = false;

    let mut i = 0;
    while i < lines.len() {
        let Some(Boundary::Begin(label)) = boundary(&lines[i].text) else {
            i += 1;
            continue;
        };
        found_block = true;
        let mut end = None;
        let mut j = i + 1;
        while j < lines.len() {
            match boundary(&lines[j].text) {
                Some(Boundary::End(_)) => {
                    end = Some(j);
                    break;
                }
                Some(Boundary::Begin(_)) => break,
                None => j += 1,
            }
        }
        let (body_end, last) = match end {
            Some(end) => (end, end),
            None => {
                // No END line: the body runs while the lines look like base64 (or headers).
                let mut k = i + 1;
                while k < lines.len()
                    && boundary(&lines[k].text).is_none()
                    && (is_base64_line(&lines[k].text) || lines[k].text.contains(':'))
                {
                    k += 1;
                }
                (k, k.saturating_sub(1).max(i))
            }
        };
        for flag in &mut used[i..=last.min(lines.len() - 1)] {
            *flag = true;
        }
        let location = line_range(lines[i].number, lines[last.min(lines.len() - 1)].number);
        pieces.extend(decode_block(
            &label,
            &lines[i + 1..body_end],
            location,
            end.is_none(),
        ));
        i = last + 1;
    }

    if !found_block {
        pieces.extend(bare_base64(&lines, &mut used));
    }

    let ignored: Vec<usize> = lines
        .iter()
        .zip(&used)
        .filter(|(line, used)| !**used && !line.text.is_empty())
        .map(|(line, _)| line.number)
        .collect();
    if !ignored.is_empty() {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for n in &ignored {
            match ranges.last_mut() {
                Some((_, last)) if *n <= *last + 1 => *last = *n,
                _ => ranges.push((*n, *n)),
            }
        }
        let mut shown: Vec<String> = ranges
            .iter()
            .take(8)
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        if ranges.len() > 8 {
            shown.push(format!("and {} more places", ranges.len() - 8));
        }
        let count = ignored.len();
        let lines_word = if count == 1 { "line" } else { "lines" };
        let message = if pieces.is_empty() {
            format!(
                "{count} {lines_word} of text with no certificate in them: no -----BEGIN CERTIFICATE----- block and no base64 certificate."
            )
        } else {
            format!("{count} {lines_word} of text around the certificates were ignored.")
        };
        pieces.push(Piece::Skipped {
            location: format!("lines {}", shown.join(", ")),
            what: "text".into(),
            rule: &rules::INTAKE_IGNORED_TEXT,
            message,
        });
    }
    pieces
}

/// Decode one PEM block and classify it by its label.
fn decode_block(label: &str, body: &[Line], location: String, missing_end: bool) -> Vec<Piece> {
    let what = format!("PEM {label} block");
    let mut pieces = Vec::new();
    if missing_end {
        pieces.push(Piece::Note {
            location: location.clone(),
            rule: &rules::INTAKE_PEM_NO_END,
            message: format!("the {label} block has no -----END {label}----- line; it was read up to its last base64 line."),
        });
    }
    // Rebuild a tidy block and let the pem crate decode it.
    let mut tidy = format!("-----BEGIN {label}-----\n");
    let mut in_headers = true;
    for line in body {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        if in_headers && text.contains(':') {
            tidy.push_str(text);
            tidy.push('\n');
            continue;
        }
        if in_headers {
            if tidy.contains(':') {
                tidy.push('\n');
            }
            in_headers = false;
        }
        tidy.extend(text.chars().filter(|c| !c.is_whitespace()));
        tidy.push('\n');
    }
    tidy.push_str(&format!("-----END {label}-----\n"));
    let contents = match ::pem::parse(tidy.as_bytes()) {
        Ok(parsed) => parsed.into_contents(),
        Err(error) => {
            pieces.push(Piece::Error {
                location,
                what,
                rule: &rules::INTAKE_UNREADABLE,
                message: format!("the {label} block could not be decoded: {error}."),
            });
            return pieces;
        }
    };
    pieces.push(classify_block(label, contents, location, what));
    pieces
}

fn classify_block(label: &str, contents: Vec<u8>, location: String, what: String) -> Piece {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            match sequence_len(&contents) {
                Some(len) => {
                    let note = match (len < contents.len(), label == "TRUSTED CERTIFICATE") {
                        (true, true) => Some("OpenSSL trust settings after the certificate were ignored".to_string()),
                        (true, false) => Some(format!("{} bytes after the certificate were ignored", contents.len() - len)),
                        _ => None,
                    };
                    let mut der = contents;
                    der.truncate(len);
                    Piece::Certificate {
                        der,
                        form: InputForm::Pem,
                        location,
                        what,
                        note,
                    }
                }
                None => Piece::Error {
                    location,
                    what,
                    rule: &rules::INTAKE_BAD_CERTIFICATE,
                    message: format!(
                        "the {label} block decodes to {} bytes that are not a complete DER structure (truncated or damaged).",
                        contents.len()
                    ),
                },
            }
        }
        _ if label.contains("PRIVATE KEY") => Piece::Skipped {
            location,
            what,
            rule: &rules::INTAKE_PRIVATE_KEY,
            message: "a private key was in the input. It was ignored, and is neither shown nor kept. Ask the customer never to send private keys; a key sent by e-mail should be treated as exposed.".into(),
        },
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Piece::Skipped {
            location,
            what,
            rule: &rules::INTAKE_CSR,
            message: "a certificate signing request (CSR), not the certificate the CA issued; ask for the issued certificate (.cer, .crt or .pem).".into(),
        },
        _ => Piece::Skipped {
            location,
            what,
            rule: &rules::INTAKE_SKIPPED_BLOCK,
            message: format!("a {label} block is not a certificate this version reads; skipped."),
        },
    }
}

/// Runs of base64 lines with no PEM armor that decode to a DER certificate.
fn bare_base64(lines: &[Line], used: &mut [bool]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_base64_line(&lines[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && is_base64_line(&lines[i].text) {
            i += 1;
        }
        let joined: String = lines[start..i]
            .iter()
            .flat_map(|line| line.text.chars().filter(|c| !c.is_whitespace()))
            .collect();
        if joined.len() < MIN_BARE_BASE64 {
            continue;
        }
        let location = line_range(lines[start].number, lines[i - 1].number);
        let decoded = LENIENT_BASE64.decode(joined.trim_end_matches('=')).ok();
        let Some(bytes) = decoded else {
            continue;
        };
        let Some(len) = sequence_len(&bytes) else {
            continue;
        };
        for flag in &mut used[start..i] {
            *flag = true;
        }
        let note = (len < bytes.len()).then(|| {
            format!(
                "{} bytes after the certificate were ignored",
                bytes.len() - len
            )
        });
        let mut der = bytes;
        der.truncate(len);
        pieces.push(Piece::Certificate {
            der,
            form: InputForm::Base64,
            location,
            what: "base64 certificate (no PEM armor)".into(),
            note,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_recognised_leniently() {
        assert_eq!(
            boundary("-----BEGIN CERTIFICATE-----"),
            Some(Boundary::Begin("CERTIFICATE".into()))
        );
        assert_eq!(
            boundary("  -----END x509 certificate----- "),
            Some(Boundary::End("X509 CERTIFICATE".into()))
        );
        assert_eq!(boundary("BEGIN CERTIFICATE"), None);
        assert_eq!(boundary("-----BEGIN CERTIFICATE"), None);
    }

    #[test]
    fn quoting_and_odd_spaces_are_cleaned() {
        assert_eq!(clean_line("> > MIIB\u{00A0}\r"), "MIIB");
        assert_eq!(clean_line("\u{FEFF}abc"), "abc");
    }

    #[test]
    fn flattened_pem_is_split_into_lines() {
        let lines =
            clean_lines("x -----BEGIN CERTIFICATE----- AAAA BBBB -----END CERTIFICATE----- y");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "x",
                "-----BEGIN CERTIFICATE-----",
                "AAAA BBBB",
                "-----END CERTIFICATE-----",
                "y"
            ]
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode_text(&bytes).as_deref(), Some("hi"));
    }
}
