//! Text input: PEM blocks anywhere inside other text (e-mails, `openssl s_client`
//! transcripts, `openssl x509 -text` dumps), or bare base64.

use std::borrow::Cow;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

use super::der::{is_der_blob, read_blob, sequence_len};
use super::lines::{self, RawLine};
use super::search::{self, Mentions, Word};
use super::{Context, InputForm, IntakeFlag, ItemForm, Piece};
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
/// or Latin-1 when most bytes are printable. `None` for binary data. UTF-8
/// is borrowed, not copied.
pub(crate) fn decode_text(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Some(String::from_utf8_lossy(rest));
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
        return Some(Cow::Owned(utf16(rest, true)));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Some(Cow::Owned(utf16(rest, false)));
    }
    if control_bytes(bytes) * 20 > bytes.len() {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Cow::Borrowed(text)),
        Err(_) => Some(Cow::Owned(bytes.iter().map(|b| char::from(*b)).collect())),
    }
}

/// How many bytes are control characters other than tab, line feed, form
/// feed and carriage return. It runs over every byte of every input, so
/// eight bytes are looked at together (as one `u64`), and only the rare group
/// with a byte below 0x20 or a DEL in it is counted byte by byte.
fn control_bytes(bytes: &[u8]) -> usize {
    use crate::swar::{group_has_byte, group_has_byte_below};
    let is_control =
        |b: &u8| (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r' | 0x0c)) || *b == 0x7f;
    let groups = bytes.chunks_exact(8);
    let tail = groups.remainder();
    let mut count = tail.iter().filter(|b| is_control(b)).count();
    for group in groups {
        let word = u64::from_ne_bytes(group.try_into().unwrap_or_default());
        // Whether the group holds a byte below 0x20 or a DEL.
        if group_has_byte_below(word, 0x20) || group_has_byte(word, 0x7f) {
            count += group.iter().filter(|b| is_control(b)).count();
        }
    }
    count
}

/// One line of the input after clean-up (trimmed), with its 1-based line
/// number; a line that needed no clean-up borrows from the input.
struct Line<'a> {
    number: usize,
    text: Cow<'a, str>,
}

/// Clean one raw line: odd spaces become spaces, invisible characters go,
/// e-mail quoting (`> `, `>> `) is stripped, and the line is trimmed.
fn clean_line(raw: RawLine<'_>) -> Cow<'_, str> {
    // Most lines are plain ASCII with at most a CR: nothing to replace or drop
    // but the CR, which the trim takes off the end (char by char was a fifth
    // of a PEM certificate's analysis).
    if raw.plain {
        return Cow::Borrowed(strip_quotes_ascii(raw.text));
    }
    let text: String = raw
        .text
        .chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => None,
            c => Some(c),
        })
        .collect();
    Cow::Owned(strip_quotes(&text).to_string())
}

/// Strip every leading quote mark in one pass (">", "> >", ">>"), and trim.
fn strip_quotes(text: &str) -> &str {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after,
            None => break,
        }
    }
    rest.trim()
}

/// Whether `b` is an ASCII character that `char::is_whitespace` (and so
/// `str::trim`) takes: the space, tab, line feed, vertical tab, form feed and
/// carriage return.
fn is_trimmed_ascii(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// [`strip_quotes`] for an ASCII line, a byte at a time.
fn strip_quotes_ascii(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut start = 0;
    loop {
        while start < bytes.len() && is_trimmed_ascii(bytes[start]) {
            start += 1;
        }
        if bytes.get(start) != Some(&b'>') {
            break;
        }
        start += 1;
    }
    let mut end = bytes.len();
    while end > start && is_trimmed_ascii(bytes[end - 1]) {
        end -= 1;
    }
    // The line is ASCII: every place in it is a char boundary.
    line.get(start..end).unwrap_or_default()
}

/// Split the text into clean lines; a PEM boundary in the middle of a line
/// (a PEM flattened onto one line) stands on a line of its own.
fn clean_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    for (index, raw) in lines::raw_lines(text).into_iter().enumerate() {
        let has_dash = raw.has_dash;
        let clean = clean_line(raw);
        // Cleaning drops spaces, quote marks and invisible characters, never
        // a dash: the line holds one after it exactly when it did before.
        if !has_dash || is_lone_marker(&clean) {
            // No marker, or a marker alone: the line as it is (most lines).
            lines.push(Line {
                number: index + 1,
                text: clean,
            });
            continue;
        }
        for part in split_at_markers(&clean) {
            lines.push(Line {
                number: index + 1,
                text: Cow::Owned(part),
            });
        }
    }
    lines
}

/// A trimmed line that is one BEGIN or END marker and nothing else, which
/// [`split_at_markers`] would give back whole: after its leading dashes, the
/// first dash starts the run of dashes that ends the line.
fn is_lone_marker(line: &str) -> bool {
    let label_and_tail = line.trim_start_matches('-');
    (line.starts_with("-----BEGIN") || line.starts_with("-----END"))
        && !label_and_tail.trim_end_matches('-').contains('-')
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
    // Most lines are base64: one look at their first byte. An ASCII byte that
    // is neither a dash nor one `trim` takes away cannot start a boundary.
    if let Some(&first) = line.as_bytes().first() {
        if first.is_ascii() && first != b'-' && !is_trimmed_ascii(first) {
            return None;
        }
    }
    let body = line.trim();
    // At least three dashes first.
    if !body.starts_with("---") {
        return None;
    }
    let stripped = body.trim_start_matches('-');
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

/// Undo the mangling text suffers on its way: quoted-printable e-mail
/// encoding, and JSON string escapes. Returns the text and what was undone.
fn unmangle(text: &str) -> (Cow<'_, str>, Vec<&'static str>) {
    let mut notes = Vec::new();
    let mut text = Cow::Borrowed(text);
    if search::looks_quoted_printable(&text, 70) {
        text = Cow::Owned(decode_quoted_printable(&text));
        notes.push("quoted-printable e-mail encoding (=3D, soft line breaks) was decoded");
    }
    if search::contains(&text, "\\n")
        && (search::contains(&text, "-----BEGIN") || search::contains(&text, "MII"))
    {
        text = Cow::Owned(
            text.replace("\\r\\n", "\n")
                .replace("\\n", "\n")
                .replace("\\r", "\n")
                .replace("\\/", "/")
                .replace("\\\"", "\""),
        );
        notes.push("JSON string escapes (\\n, \\/) were decoded");
    }
    (text, notes)
}

/// Quoted-printable (RFC 2045): `=XX` is a byte, `=` at a line end joins lines.
fn decode_quoted_printable(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let rest = &bytes[i + 1..];
            if rest.starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if rest.starts_with(b"\n") {
                i += 2;
                continue;
            }
            if rest.len() >= 2 && rest[0].is_ascii_hexdigit() && rest[1].is_ascii_hexdigit() {
                let hex = std::str::from_utf8(&rest[..2]).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Split text into pieces: PEM blocks, bare base64 or hex certificates, and ignored text.
pub(crate) fn split_text(text: &str, context: &Context<'_>) -> Vec<Piece> {
    let (text, notes) = unmangle(text);
    let mut pieces: Vec<Piece> = notes
        .into_iter()
        .map(|note| Piece::Note {
            location: "whole input".into(),
            rule: &rules::INTAKE_DECODED,
            message: format!("{note} before reading."),
        })
        .collect();
    pieces.extend(split_clean_text(&text, context));
    pieces
}

/// Exchange settings in the text: Exchange Management Shell output, an
/// Autodiscover response, `Get-OutlookProvider | Format-List` output, or a
/// principal name written in prose. Marks the lines they take.
fn settings(text: &str, lines: &[Line], used: &mut [bool]) -> Vec<Piece> {
    // Most inputs are certificates only: a cheap look before any work.
    let mentions = search::mentions(text);
    let mut pieces = shell_output(text, mentions, lines, used);
    let mentions_msstd = mentions.has(Word::Msstd);
    if !(mentions.has(Word::AutodiscoverTag)
        || mentions.has(Word::ProtocolTag)
        || mentions.has(Word::CertPrincipalName)
        || mentions_msstd)
    {
        return pieces;
    }
    let joined: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
    pieces.extend(autodiscover_or_provider(&joined, lines, used));
    let settings_found = pieces.iter().any(|p| matches!(p, Piece::Settings { .. }));
    if !settings_found && mentions_msstd {
        pieces.extend(mention(lines, used));
    }
    pieces
}

/// Mark lines `first..=last` as read; their range for the report.
fn mark(lines: &[Line], first: usize, last: usize, used: &mut [bool]) -> String {
    for flag in &mut used[first..=last] {
        *flag = true;
    }
    line_range(lines[first].number, lines[last].number)
}

/// Get-ExchangeCertificate / Get-OutlookAnywhere output (read by the full
/// engine; this build says it needs it otherwise).
fn shell_output(text: &str, mentions: Mentions, lines: &[Line], used: &mut [bool]) -> Vec<Piece> {
    let shell = mentions.has(Word::Thumbprint)
        || mentions.has(Word::ExternalHostname)
        || mentions.has(Word::InternalHostname);
    if !shell {
        return Vec::new();
    }
    if !cfg!(feature = "exchange") {
        if !looks_like_shell_output(text, mentions) {
            return Vec::new();
        }
        return vec![
            Piece::Flag(IntakeFlag::ExchangeNotInThisBuild),
            Piece::Note {
                location: "whole input".into(),
                rule: &rules::SETTINGS_UNSUPPORTED,
                message: "Exchange Management Shell output: this build does not read it (the page loads its full engine for it; the command line always has it).".into(),
            },
        ];
    }
    let Some(found) = crate::exchange::parse(text) else {
        return Vec::new();
    };
    let first = lines
        .iter()
        .position(|l| is_property_or_table(&l.text))
        .unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| is_property_or_table(&l.text))
        .unwrap_or(first)
        .max(first);
    for (i, (flag, line)) in used.iter_mut().zip(lines).enumerate() {
        let inside = (first..=last).contains(&i) && is_shell_line(&line.text);
        *flag |= inside || is_prompt(&line.text);
    }
    vec![Piece::Exchange {
        location: line_range(lines[first].number, lines[last].number),
        text: Box::new(found),
    }]
}

/// An Autodiscover response, or Get-OutlookProvider output.
fn autodiscover_or_provider(joined: &str, lines: &[Line], used: &mut [bool]) -> Vec<Piece> {
    if let Some(found) = crate::autodiscover::parse_autodiscover("", joined) {
        let first = lines
            .iter()
            .position(|l| {
                l.text.contains("<?xml")
                    || l.text.contains("<Autodiscover")
                    || l.text.contains("<Protocol")
            })
            .unwrap_or(0);
        let last = lines
            .iter()
            .rposition(|l| l.text.contains("</Autodiscover>") || l.text.contains("</Protocol>"))
            .unwrap_or(lines.len() - 1)
            .max(first);
        return vec![Piece::Settings {
            location: mark(lines, first, last, used),
            what: "Autodiscover response".into(),
            settings: found,
        }];
    }
    if !cfg!(feature = "autodiscover") && crate::autodiscover::looks_like_autodiscover(joined) {
        return vec![
            Piece::Flag(IntakeFlag::AutodiscoverNotInThisBuild),
            Piece::Note {
                location: "whole input".into(),
                rule: &rules::SETTINGS_UNSUPPORTED,
                message: "an Autodiscover response: this build does not read XML (the page loads its full engine for it; the command line always has it).".into(),
            },
        ];
    }
    let Some(found) = crate::autodiscover::parse_outlook_provider("", joined) else {
        return Vec::new();
    };
    let is_pair = |l: &Line| l.text.contains(" : ") || l.text.ends_with(" :");
    let first = lines.iter().position(is_pair).unwrap_or(0);
    let last = lines.iter().rposition(is_pair).unwrap_or(first).max(first);
    vec![Piece::Settings {
        location: mark(lines, first, last, used),
        what: "Get-OutlookProvider output".into(),
        settings: found,
    }]
}

/// A principal name written in prose ("our principal name is msstd:…").
fn mention(lines: &[Line], used: &mut [bool]) -> Option<Piece> {
    let (index, name) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| principal_mention(&l.text).map(|n| (i, n)))?;
    Some(Piece::Settings {
        location: mark(lines, index, index, used),
        what: "a principal name in the text".into(),
        settings: crate::autodiscover::ExchangeSettings {
            source: String::new(),
            kind: crate::autodiscover::SettingsKind::Mention,
            protocol: None,
            server: None,
            ssl: None,
            cert_principal_name: Some(name.clone()),
            principal: Some(name),
            principal_derived: false,
            mapi_http: false,
        },
    })
}

/// A cheap look for Get-ExchangeCertificate or Get-OutlookAnywhere output, in a
/// build that does not read it (the full engine decides for good).
fn looks_like_shell_output(text: &str, mentions: Mentions) -> bool {
    let has = |key: &str| text.contains(key);
    (mentions.has(Word::Thumbprint) && (has("CertificateDomains") || has("Services")))
        || (mentions.has(Word::ExternalHostname) && has("RequireSsl"))
}

/// A line of shell output inside its block: not a PEM line (those have no spaces).
fn is_shell_line(line: &str) -> bool {
    !line.starts_with("-----") && (line.contains(' ') || line.contains(':') || line.contains(','))
}

/// A PowerShell prompt line (`[PS] C:\Windows\system32>Get-ExchangeCertificate | fl`).
fn is_prompt(line: &str) -> bool {
    (line.starts_with("[PS]") || line.starts_with("PS ")) && line.contains('>')
}

/// A Format-List property line (`Name : value`) or a table row: part of cmdlet output.
fn is_property_or_table(line: &str) -> bool {
    let thumbprint_row = line.len() > 40 && line.as_bytes()[..40].iter().all(u8::is_ascii_hexdigit);
    line.contains(" : ")
        || line.ends_with(" :")
        || line.starts_with("Thumbprint")
        || line.starts_with("----------")
        || thumbprint_row
}

/// The first `msstd:<host name>` written in a line of prose, with the dot that
/// ends a sentence left out.
fn principal_mention(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let start = lower.find("msstd:")? + "msstd:".len();
    let name: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '*'))
        .collect();
    let name = name.trim_end_matches('.');
    (!name.is_empty()).then(|| format!("msstd:{name}"))
}

/// Read cleaned-up text: Exchange settings, PEM blocks (or, when there is
/// none, bare base64 or a hex dump), then a note on the lines left unread.
fn split_clean_text(text: &str, context: &Context<'_>) -> Vec<Piece> {
    let lines = clean_lines(text);
    let mut used = vec![false; lines.len()];
    let mut pieces = settings(text, &lines, &mut used);
    let found_block = pem_blocks(&lines, &mut used, context, &mut pieces);
    if !found_block {
        let before = pieces.len();
        pieces.extend(bare_base64(&lines, &mut used, context));
        if pieces.len() == before {
            pieces.extend(hex_dump(&lines, &mut used, context));
        }
    }
    let none_found = pieces.is_empty();
    pieces.extend(ignored_text(&lines, &used, none_found));
    pieces
}

/// Read every PEM block in `lines` into `pieces`, marking the lines they
/// take; `true` when there was at least one BEGIN line.
fn pem_blocks(
    lines: &[Line],
    used: &mut [bool],
    context: &Context<'_>,
    pieces: &mut Vec<Piece>,
) -> bool {
    let mut found_block = false;
    let mut i = 0;
    while i < lines.len() {
        let Some(Boundary::Begin(label)) = boundary(&lines[i].text) else {
            i += 1;
            continue;
        };
        found_block = true;
        let end = end_line(lines, i);
        let (body_end, last) = match end {
            Some(end) => (end, end),
            None => {
                let body_end = unarmored_body_end(lines, i);
                (body_end, body_end.saturating_sub(1).max(i))
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
            context,
        ));
        i = last + 1;
    }
    found_block
}

/// The END line of the block that begins at `begin`, if one comes before the next BEGIN.
fn end_line(lines: &[Line], begin: usize) -> Option<usize> {
    for (j, line) in lines.iter().enumerate().skip(begin + 1) {
        match boundary(&line.text) {
            Some(Boundary::End(_)) => return Some(j),
            Some(Boundary::Begin(_)) => return None,
            None => {}
        }
    }
    None
}

/// For a block with no END line: where its body stops, the body running
/// while the lines look like base64 (or headers).
fn unarmored_body_end(lines: &[Line], begin: usize) -> usize {
    let mut k = begin + 1;
    while k < lines.len()
        && boundary(&lines[k].text).is_none()
        && (is_base64_line(&lines[k].text) || lines[k].text.contains(':'))
    {
        k += 1;
    }
    k
}

/// A note on the non-empty lines nothing read (their numbers, as ranges,
/// at most 8); `none_found` when the input gave nothing else.
fn ignored_text(lines: &[Line], used: &[bool], none_found: bool) -> Option<Piece> {
    let ignored: Vec<usize> = lines
        .iter()
        .zip(used)
        .filter(|(line, used)| !**used && !line.text.is_empty())
        .map(|(line, _)| line.number)
        .collect();
    if ignored.is_empty() {
        return None;
    }
    let count = ignored.len();
    let lines_word = if count == 1 { "line" } else { "lines" };
    let message = if none_found {
        format!(
            "{count} {lines_word} of text with no certificate in them: no -----BEGIN CERTIFICATE----- block and no base64 certificate."
        )
    } else {
        format!("{count} {lines_word} of text around the certificates were ignored.")
    };
    Some(Piece::Skipped {
        location: format!("lines {}", number_ranges(&ignored)),
        what: "text".into(),
        form: ItemForm::Text,
        rule: &rules::INTAKE_IGNORED_TEXT,
        message,
    })
}

/// Ascending line numbers as ranges, "3, 7-9", the first 8 then "and N more places".
fn number_ranges(numbers: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for n in numbers {
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
    shown.join(", ")
}

/// Rebuild a tidy PEM block (headers, a blank line, base64 without spaces)
/// for the pem crate to decode.
fn tidy_pem(label: &str, body: &[Line]) -> String {
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
    tidy
}

/// The common case decoded without rebuilding the block for the pem crate:
/// a certificate label and lines that are base64 alone and decode. Then the
/// pem crate would decode exactly these characters with the same engine;
/// anything else (headers, spaces, a decoding error to word) goes through it.
fn plain_certificate_body(label: &str, body: &[Line]) -> Option<Vec<u8>> {
    if !matches!(
        label,
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
    ) {
        return None;
    }
    // No check of the characters here: the decoder refuses anything but
    // base64 (a header's ':', a space, a '-'), and then the pem crate reads it.
    let mut base64 = Vec::with_capacity(body.iter().map(|l| l.text.len()).sum());
    for line in body {
        base64.extend_from_slice(line.text.as_bytes());
    }
    base64::engine::general_purpose::STANDARD
        .decode(base64)
        .ok()
}

/// Decode one PEM block and classify it by its label.
fn decode_block(
    label: &str,
    body: &[Line],
    location: String,
    missing_end: bool,
    context: &Context<'_>,
) -> Vec<Piece> {
    let what = format!("PEM {label} block");
    let mut pieces = Vec::new();
    if missing_end {
        pieces.push(Piece::Note {
            location: location.clone(),
            rule: &rules::INTAKE_PEM_NO_END,
            message: format!("the {label} block has no -----END {label}----- line; it was read up to its last base64 line."),
        });
    }
    let decoded = match plain_certificate_body(label, body) {
        Some(contents) => Ok(contents),
        None => ::pem::parse(tidy_pem(label, body).as_bytes()).map(|p| p.into_contents()),
    };
    let contents = match decoded {
        Ok(contents) => contents,
        Err(error) => {
            pieces.push(Piece::Error {
                location,
                what,
                form: ItemForm::Pem,
                rule: &rules::INTAKE_UNREADABLE,
                message: format!(
                    "the {label} block could not be decoded: {}.",
                    pem_error_words(&error)
                ),
            });
            return pieces;
        }
    };
    if matches!(
        label,
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" | "CERTIFICATE CHAIN"
    ) {
        pieces.extend(read_blob(&contents, InputForm::Pkcs7, &location, context));
        return pieces;
    }
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
                    form: ItemForm::Pem,
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
            form: ItemForm::PrivateKey,
            rule: &rules::INTAKE_PRIVATE_KEY,
            message: "a private key was in the input. It was ignored, and is neither shown nor kept. Ask the customer never to send private keys; a key sent by e-mail should be treated as exposed.".into(),
        },
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Piece::Skipped {
            location,
            what,
            form: ItemForm::Request,
            rule: &rules::INTAKE_CSR,
            message: "a certificate signing request (CSR), not the certificate the CA issued; ask for the issued certificate (.cer, .crt or .pem).".into(),
        },
        _ => Piece::Skipped {
            location,
            what,
            form: ItemForm::Other,
            rule: &rules::INTAKE_SKIPPED_BLOCK,
            message: format!("a {label} block is not a certificate this version reads; skipped."),
        },
    }
}

/// Runs of base64 lines with no PEM armor that decode to DER (a certificate, a bundle, a PFX).
fn bare_base64(lines: &[Line], used: &mut [bool], context: &Context<'_>) -> Vec<Piece> {
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
        let Ok(bytes) = LENIENT_BASE64.decode(joined.trim_end_matches('=')) else {
            continue;
        };
        if !is_der_blob(&bytes) {
            continue;
        }
        for flag in &mut used[start..i] {
            *flag = true;
        }
        let location = line_range(lines[start].number, lines[i - 1].number);
        pieces.extend(read_blob(&bytes, InputForm::Base64, &location, context));
    }
    pieces
}

/// The bytes of one line of a hex dump: `30 82 01 0a`, `30:82:01:0a`,
/// `3082010a`, with an optional offset (`0000`, `00000010:`) and ASCII column.
fn hex_line(line: &str) -> Option<Vec<u8>> {
    let mut tokens: Vec<&str> = line
        .split([' ', '\t', ':'])
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() > 1
        && (4..=8).contains(&tokens[0].len())
        && tokens[0].bytes().all(|b| b.is_ascii_hexdigit())
        && (line.trim_start().starts_with(&format!("{}:", tokens[0]))
            || line.contains(&format!("{}  ", tokens[0])))
    {
        tokens.remove(0); // the offset column
    }
    let mut bytes = Vec::new();
    for token in tokens {
        if token.len() % 2 != 0 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            break; // the ASCII column, or prose
        }
        for pair in token.as_bytes().chunks(2) {
            let pair = std::str::from_utf8(pair).ok()?;
            bytes.push(u8::from_str_radix(pair, 16).ok()?);
        }
    }
    (!bytes.is_empty()).then_some(bytes)
}

/// Runs of hex-dump lines that decode to DER.
fn hex_dump(lines: &[Line], used: &mut [bool], context: &Context<'_>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = hex_line(&lines[i].text) else {
            i += 1;
            continue;
        };
        if first.first() != Some(&0x30) {
            i += 1;
            continue;
        }
        let start = i;
        let mut bytes = first;
        i += 1;
        while i < lines.len() {
            match hex_line(&lines[i].text) {
                Some(more) => bytes.extend(more),
                None => break,
            }
            i += 1;
        }
        if !is_der_blob(&bytes) {
            continue;
        }
        for flag in &mut used[start..i] {
            *flag = true;
        }
        let location = line_range(lines[start].number, lines[i - 1].number);
        pieces.push(Piece::Note {
            location: location.clone(),
            rule: &rules::INTAKE_DECODED,
            message: format!("a hex dump of {} bytes of DER was decoded.", bytes.len()),
        });
        pieces.extend(read_blob(&bytes, InputForm::Hex, &location, context));
    }
    pieces
}

/// Why a PEM block could not be decoded, in words a support engineer reads.
fn pem_error_words(error: &::pem::PemError) -> String {
    use base64::DecodeError;
    match error {
        ::pem::PemError::InvalidData(DecodeError::InvalidByte(offset, byte)) => format!(
            "its base64 text holds a character that is not base64 ({}, the {} base64 character); the block was damaged, perhaps by an e-mail program",
            shown_byte(*byte),
            ordinal(offset + 1)
        ),
        ::pem::PemError::InvalidData(DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol { .. }) => {
            "its base64 text ends in the middle of a character group: the block is cut short or has extra characters".into()
        }
        ::pem::PemError::InvalidData(DecodeError::InvalidPadding) => {
            "its base64 text has misplaced padding (\"=\")".into()
        }
        ::pem::PemError::NotUtf8(_) => "it holds bytes that are not text".into(),
        other => other.to_string(),
    }
}

/// A byte for a message: the character in quotes, or its hex value.
fn shown_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("\"{}\"", byte as char)
    } else {
        format!("byte 0x{byte:02X}")
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st…
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
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
        // The first-byte look says what `trim` then `starts_with` would.
        for first in 0..=0x7f_u8 {
            let line = format!("{}-----END CERTIFICATE-----", char::from(first));
            let by_trim = line.trim().starts_with("---");
            assert_eq!(boundary(&line).is_some(), by_trim, "{first:#04x}");
        }
        assert!(boundary("\u{a0}\u{3000}-----BEGIN CERTIFICATE-----").is_some());
        assert_eq!(boundary("-----BEGIN CERTIFICATE"), None);
    }

    #[test]
    fn quoting_and_odd_spaces_are_cleaned() {
        let clean = |raw: &str| clean_line(lines::raw_lines(raw)[0]).into_owned();
        assert_eq!(clean("> > MIIB\u{00A0}\r"), "MIIB");
        assert_eq!(clean("\u{FEFF}abc"), "abc");
        assert_eq!(clean(" >> >\x0bMIIB \x0c\r"), "MIIB");
    }

    /// On ASCII lines the byte-wise strip is the char-wise one: every line of
    /// up to four of these pieces.
    #[test]
    fn the_ascii_strip_is_strip_quotes_on_ascii() {
        let pieces = [
            " ", "\t", "\x0b", "\x0c", "\r", "\n", ">", "a", "-", "\x1c", "\u{85}",
        ];
        let ascii: Vec<&str> = pieces.iter().copied().filter(|p| p.is_ascii()).collect();
        let mut line = String::new();
        let mut count = 0;
        for a in &ascii {
            for b in &ascii {
                for c in &ascii {
                    for d in &ascii {
                        line.clear();
                        line.extend([*a, *b, *c, *d]);
                        assert_eq!(strip_quotes_ascii(&line), strip_quotes(&line), "{line:?}");
                        count += 1;
                    }
                }
            }
        }
        assert_eq!(count, 10_000);
    }

    #[test]
    fn flattened_pem_is_split_into_lines() {
        let lines =
            clean_lines("x -----BEGIN CERTIFICATE----- AAAA BBBB -----END CERTIFICATE----- y");
        let texts: Vec<&str> = lines.iter().map(|l| &*l.text).collect();
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
    fn hex_lines_in_every_style() {
        assert_eq!(hex_line("30 82 01 0a"), Some(vec![0x30, 0x82, 0x01, 0x0a]));
        assert_eq!(hex_line("30:82:01:0a:"), Some(vec![0x30, 0x82, 0x01, 0x0a]));
        assert_eq!(hex_line("3082010A"), Some(vec![0x30, 0x82, 0x01, 0x0a]));
        assert_eq!(
            hex_line("0010  30 82 01 0a 02 01  a0 03   0.......").map(|b| b.len()),
            Some(8)
        );
        assert_eq!(
            hex_line("00000010: 3082 010a  0..."),
            Some(vec![0x30, 0x82, 0x01, 0x0a])
        );
        assert_eq!(hex_line("Hello there"), None);
    }

    #[test]
    fn quoted_printable_is_decoded() {
        assert_eq!(decode_quoted_printable("a=3Db=\nc=20d"), "a=bc d");
    }

    /// A line taken whole as a lone marker is one that the marker split gives
    /// back whole; the others are left to the split.
    #[test]
    fn lone_markers_are_what_the_split_keeps_whole() {
        let lines = [
            "-----BEGIN CERTIFICATE-----",
            "-----END CERTIFICATE-----",
            "-----END",
            "-----BEGIN X-Y-----",
            "------BEGIN CERTIFICATE-----",
            "-----BEGIN A-----BEGIN B-----",
            "-----BEGIN CERTIFICATE----- trailing",
            "-----BEGIN CERTIFICATE----MIIB",
            "-----BEGIN CERTIFICATE-",
            "-----BEGIN -----",
            "x -----END CERTIFICATE-----",
        ];
        let mut lone = 0;
        for line in lines {
            if is_lone_marker(line) {
                lone += 1;
                assert_eq!(split_at_markers(line), [line], "{line:?}");
            }
        }
        assert_eq!(lone, 5);
    }

    /// Every byte value is counted as the plain definition counts it.
    #[test]
    fn control_bytes_are_the_controls_text_lacks() {
        let all: Vec<u8> = (0..=255).collect();
        let plain = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
        for b in 0..=255u8 {
            assert_eq!(control_bytes(&[b]), usize::from(plain(b)), "byte {b:#04x}");
        }
        assert_eq!(control_bytes(&all), 29);
        assert_eq!(control_bytes(b"MIIC\r\n\tA\x0c"), 0);
        // Each byte value at each place of an eight-byte group and of the tail,
        // among bytes that come close to the limits (0x1F, 0x20, 0x7E, 0x80).
        for place in 0..11 {
            for b in 0..=255u8 {
                let mut text = [
                    0x20, 0x7e, 0x80, 0x21, 0x1f, 0x7e, 0xff, 0x20, 0x41, 0x42, 0x43,
                ];
                text[place] = b;
                let expected = text.iter().filter(|&&c| plain(c)).count();
                assert_eq!(control_bytes(&text), expected, "byte {b:#04x} at {place}");
            }
        }
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode_text(&bytes).as_deref(), Some("hi"));
    }
}
