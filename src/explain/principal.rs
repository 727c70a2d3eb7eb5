//! The principal-name findings, worded from the parser's notes.

use crate::findings::{Finding, Topic};
use crate::principal::{Principal, PrincipalNote};

/// One finding per note, in the order the parser made them.
pub fn findings(principal: &Principal, out: &mut Vec<Finding>) {
    for note in &principal.notes {
        out.push(Finding::new(note.rule(), Topic::Principal, message(note)));
    }
}

fn message(note: &PrincipalNote) -> String {
    match note {
        PrincipalNote::Unwrapped { label, value } => format!("the principal name was pasted with its label ({label}); the value \"{}\" was checked.", value.trim()),
        PrincipalNote::OuterSpaces { input } => format!("the principal name \"{input}\" has spaces around it; they were removed before comparing. Whether Windows ignores them is unknown: enter it without spaces."),
        PrincipalNote::NotSet { literal_none: false } => "no principal name was given: Outlook makes no mutual-authentication (principal name) check.".into(),
        PrincipalNote::NotSet { literal_none: true } => "the principal name is \"None\": Outlook makes no mutual-authentication (principal name) check.".into(),
        PrincipalNote::Quoted { core } => format!("the principal name was wrapped in quotes; compared without them as \"{core}\". In PowerShell the quotes are fine; in Outlook's box, leave them out."),
        PrincipalNote::Fullsic { names } => format!("a fullsic: principal name (a chain of {names} name(s), issuer first). Outlook does not use this form in practice, and this version does not evaluate it: the per-client verdicts are \"unknown\"."),
        PrincipalNote::PrefixCase { prefix } => format!("the prefix is written \"{prefix}:\", not \"msstd:\". Whether Windows accepts it is unknown: write it in lower case."),
        PrincipalNote::SpacesAfterPrefix { text } => format!("there are spaces after \"msstd:\" in \"{text}\"; they were removed before comparing. Whether Windows ignores them is unknown."),
        PrincipalNote::WasUrl { text, host } => format!("\"{text}\" is a URL, not a principal name; Windows rejects it. The host it contains is {host}, so the principal name would be msstd:{host}."),
        PrincipalNote::OtherPrefix { text, prefix } => format!("\"{text}\" starts with \"{prefix}:\", which is not \"msstd:\"; Windows rejects a malformed principal name, so mutual authentication fails."),
        PrincipalNote::NoPrefix { text } => format!("\"{text}\" has no \"msstd:\" prefix; Windows rejects a malformed principal name, so mutual authentication fails. Written correctly it is msstd:{}.", text.trim_end_matches('.')),
        PrincipalNote::UrlAfterPrefix { name, host } => format!("the principal name holds a URL (\"{name}\"), not a host name; Windows compares the whole text and fails. The host it contains is {host}."),
        PrincipalNote::TrailingDot { name } => format!("the name \"{name}\" ends with a dot; it was compared without it. Whether Windows ignores the dot is unknown: leave it out."),
        PrincipalNote::NameQuoted { name } => format!("the name \"{name}\" has quotes around it; compared without them."),
        PrincipalNote::EmptyName => "the principal name has nothing after \"msstd:\"; Windows rejects it.".into(),
        PrincipalNote::WildcardLiteral { name } => format!("\"{name}\" contains \"*\": in a principal name it is not a pattern, so it matches only a certificate that literally carries \"{name}\" (as a CN or DNS name)."),
        PrincipalNote::SingleBackslash { name } => format!("\"{name}\" contains a single backslash; Windows doubles every backslash of the certificate name before comparing, so write each backslash twice."),
    }
}
