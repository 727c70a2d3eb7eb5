//! Exchange settings pasted beside (or instead of) the certificate: an
//! Autodiscover response (the XML Outlook's "Test E-mail AutoConfiguration"
//! shows) or the text of `Get-OutlookProvider | Format-List`. They give the
//! principal name and the RPC proxy host, and say whether the client uses MAPI
//! over HTTP.

#[cfg(feature = "autodiscover")]
use quick_xml::events::Event;
#[cfg(feature = "autodiscover")]
use quick_xml::Reader;
use serde::Serialize;

/// Where a set of Exchange settings came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SettingsKind {
    /// An Autodiscover (POX) response.
    Autodiscover,
    /// `Get-OutlookProvider | Format-List` output.
    OutlookProvider,
    /// A principal name written in free text (an e-mail: "our principal name is msstd:…").
    Mention,
}

/// The Outlook Anywhere settings found in an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExchangeSettings {
    /// The input they were in.
    pub source: String,
    /// What kind of text it was.
    pub kind: SettingsKind,
    /// The protocol block used (`EXPR`, `EXHTTP`).
    pub protocol: Option<String>,
    /// `<Server>`: the RPC proxy host name.
    pub server: Option<String>,
    /// `<SSL>`: on or off.
    pub ssl: Option<bool>,
    /// `<CertPrincipalName>` as given (may be `None`).
    pub cert_principal_name: Option<String>,
    /// The principal name the client uses, after the Autodiscover rules
    /// (`msstd:<Server>` when SSL is on and no CertPrincipalName is sent).
    pub principal: Option<String>,
    /// True when the principal was derived from `<Server>`.
    pub principal_derived: bool,
    /// True when the response offers MAPI over HTTP (`mapiHttp`).
    pub mapi_http: bool,
}

/// Does the text look like an Autodiscover response (whether or not this build reads it)?
pub fn looks_like_autodiscover(text: &str) -> bool {
    text.contains("<Autodiscover") || (text.contains("<Protocol") && text.contains("</Protocol>"))
}

/// Read an Autodiscover response: this build leaves XML out (the full engine reads it).
#[cfg(not(feature = "autodiscover"))]
pub fn parse_autodiscover(_source: &str, _text: &str) -> Option<ExchangeSettings> {
    None
}

/// One `<Protocol>` block.
#[derive(Debug, Default, Clone)]
struct Protocol {
    kind: String,
    server: Option<String>,
    ssl: Option<String>,
    cert_principal_name: Option<String>,
}

/// Read an Autodiscover response in `text`; `None` when there is none.
#[cfg(feature = "autodiscover")]
pub fn parse_autodiscover(source: &str, text: &str) -> Option<ExchangeSettings> {
    let start = text
        .find("<Autodiscover")
        .or_else(|| text.find("<Protocol"))?;
    let blocks = read_protocols(&text[start..]);
    if blocks.protocols.is_empty() && !blocks.mapi_http {
        return None;
    }
    Some(settings_from(
        source,
        SettingsKind::Autodiscover,
        choose_protocol(&blocks.protocols),
        blocks.mapi_http,
    ))
}

/// The protocol block a client uses: `EXPR`, else the `EXHTTP` block that
/// names a principal, else the last `EXHTTP` block.
#[cfg(feature = "autodiscover")]
fn choose_protocol(protocols: &[Protocol]) -> Option<&Protocol> {
    protocols
        .iter()
        .find(|p| p.kind.eq_ignore_ascii_case("EXPR"))
        .or_else(|| {
            let exhttp: Vec<&Protocol> = protocols
                .iter()
                .filter(|p| p.kind.eq_ignore_ascii_case("EXHTTP"))
                .collect();
            exhttp
                .iter()
                .find(|p| p.cert_principal_name.is_some())
                .or(exhttp.last())
                .copied()
        })
}

/// The `<Protocol>` blocks of an Autodiscover response, read as the XML goes by.
#[cfg(feature = "autodiscover")]
#[derive(Default)]
struct ProtocolBlocks {
    /// The blocks read so far.
    protocols: Vec<Protocol>,
    /// The block being read.
    current: Option<Protocol>,
    /// How deep inside the current block the reader is.
    depth: usize,
    /// The element whose text is being gathered.
    element: String,
    /// Its text so far.
    value: String,
    /// A `mapiHttp` protocol was seen.
    mapi_http: bool,
}

/// Read the `<Protocol>` blocks in `xml` (at most 100,000 XML events; reading
/// stops at the first XML error).
#[cfg(feature = "autodiscover")]
fn read_protocols(xml: &str) -> ProtocolBlocks {
    let mut reader = Reader::from_str(xml);
    let mut blocks = ProtocolBlocks::default();
    for _ in 0..100_000 {
        match reader.read_event() {
            Ok(Event::Start(e)) => blocks.start(&e),
            Ok(Event::Text(t)) if blocks.current.is_some() => {
                blocks.value.push_str(&t.decode().unwrap_or_default());
            }
            Ok(Event::GeneralRef(r)) if blocks.current.is_some() => {
                let name = r.decode().unwrap_or_default();
                blocks.value.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Ok(Event::End(e)) => blocks.end(e.local_name().as_ref()),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    blocks
}

#[cfg(feature = "autodiscover")]
impl ProtocolBlocks {
    /// An opening tag: a new `<Protocol>` block, or an element inside one.
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        if name == "Protocol" {
            let kind = e
                .try_get_attribute("Type")
                .ok()
                .flatten()
                .and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.into_owned())
                })
                .unwrap_or_default();
            if kind.eq_ignore_ascii_case("mapiHttp") {
                self.mapi_http = true;
            }
            if self.current.is_none() {
                self.current = Some(Protocol {
                    kind,
                    ..Protocol::default()
                });
                self.depth = 0;
                return;
            }
        }
        if self.current.is_some() {
            self.depth += 1;
            self.element = name;
            self.value.clear();
        }
    }

    /// A closing tag: the end of the block, or of one of its fields.
    fn end(&mut self, local_name: &[u8]) {
        let name = String::from_utf8_lossy(local_name);
        let Some(protocol) = self.current.as_mut() else {
            return;
        };
        if name == "Protocol" && self.depth == 0 {
            if let Some(done) = self.current.take() {
                self.protocols.push(done);
            }
            return;
        }
        if self.depth == 1 {
            let text = self.value.trim().to_string();
            match self.element.as_str() {
                "Type" if protocol.kind.is_empty() => protocol.kind = text,
                "Server" => protocol.server = Some(text),
                "SSL" => protocol.ssl = Some(text),
                "CertPrincipalName" => protocol.cert_principal_name = Some(text),
                _ => {}
            }
        }
        self.depth = self.depth.saturating_sub(1);
        self.value.clear();
    }
}

/// The settings a client takes from a protocol block.
fn settings_from(
    source: &str,
    kind: SettingsKind,
    protocol: Option<&Protocol>,
    mapi_http: bool,
) -> ExchangeSettings {
    let server = protocol
        .and_then(|p| p.server.clone())
        .filter(|s| !s.is_empty());
    let ssl = protocol
        .and_then(|p| p.ssl.as_deref())
        .map(|s| s.eq_ignore_ascii_case("on"));
    let cert_principal_name = protocol.and_then(|p| p.cert_principal_name.clone());
    let (principal, principal_derived) =
        derive_principal(cert_principal_name.as_deref(), ssl, server.as_deref());
    ExchangeSettings {
        source: source.to_string(),
        kind,
        protocol: protocol.map(|p| p.kind.to_ascii_uppercase()),
        server,
        ssl,
        cert_principal_name,
        principal,
        principal_derived,
        mapi_http,
    }
}

/// The principal name a client uses, and whether it was derived: the
/// CertPrincipalName when one is given, else `msstd:<Server>` when SSL is on.
fn derive_principal(
    cert_principal_name: Option<&str>,
    ssl: Option<bool>,
    server: Option<&str>,
) -> (Option<String>, bool) {
    match (cert_principal_name, ssl, server) {
        (Some(name), _, _) if !name.trim().is_empty() => (Some(name.to_string()), false),
        (_, Some(true), Some(server)) => (Some(format!("msstd:{server}")), true),
        _ => (None, false),
    }
}

/// Read `Get-OutlookProvider | Format-List` output in `text` (the EXPR block);
/// `None` when there is none.
pub fn parse_outlook_provider(source: &str, text: &str) -> Option<ExchangeSettings> {
    let mut blocks: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim_start_matches(['>', ' ']).trim_end();
        if line.is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            continue;
        }
        if let Some((key, value)) = line
            .split_once(" : ")
            .or_else(|| line.strip_suffix(" :").map(|k| (k, "")))
        {
            let key = key.trim();
            if !key.is_empty() && !key.contains(' ') {
                if let Some(block) = blocks.last_mut() {
                    block.push((key.to_string(), value.trim().to_string()));
                }
            }
        }
    }
    let get = |block: &[(String, String)], key: &str| {
        block
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.clone())
    };
    let block = blocks.iter().find(|b| {
        get(b, "Name").is_some_and(|n| n.eq_ignore_ascii_case("EXPR"))
            && get(b, "CertPrincipalName").is_some()
    })?;
    let protocol = Protocol {
        kind: "EXPR".into(),
        server: get(block, "Server"),
        ssl: None,
        cert_principal_name: get(block, "CertPrincipalName"),
    };
    Some(settings_from(
        source,
        SettingsKind::OutlookProvider,
        Some(&protocol),
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autodiscover_is_recognised_without_parsing() {
        assert!(looks_like_autodiscover("x <Autodiscover xmlns=\"…\"> y"));
        assert!(!looks_like_autodiscover("<html>"));
    }

    #[cfg(feature = "autodiscover")]
    #[test]
    fn expr_block_gives_the_principal() {
        let xml = "<Autodiscover><Response><Account><Protocol><Type>EXCH</Type><Server>x</Server></Protocol>\
                   <Protocol><Type>EXPR</Type><Server>mail.contoso.com</Server><SSL>On</SSL>\
                   <CertPrincipalName>msstd:mail.contoso.com</CertPrincipalName></Protocol></Account></Response></Autodiscover>";
        let s = parse_autodiscover("a.xml", xml).expect("settings");
        assert_eq!(s.protocol.as_deref(), Some("EXPR"));
        assert_eq!(s.server.as_deref(), Some("mail.contoso.com"));
        assert_eq!(s.principal.as_deref(), Some("msstd:mail.contoso.com"));
        assert!(!s.principal_derived && !s.mapi_http);
    }

    #[cfg(feature = "autodiscover")]
    #[test]
    fn ssl_on_without_principal_derives_it() {
        let xml = "<Autodiscover><Protocol><Type>EXPR</Type><Server>mail.contoso.com</Server><SSL>On</SSL></Protocol></Autodiscover>";
        let s = parse_autodiscover("a.xml", xml).expect("settings");
        assert_eq!(s.principal.as_deref(), Some("msstd:mail.contoso.com"));
        assert!(s.principal_derived);
    }

    #[cfg(feature = "autodiscover")]
    #[test]
    fn mapi_http_is_noticed() {
        let xml = r#"<Autodiscover><Protocol Type="mapiHttp" Version="1"><MailStore/></Protocol><Protocol Type="EXHTTP"><Server>m.contoso.com</Server><SSL>On</SSL></Protocol></Autodiscover>"#;
        let s = parse_autodiscover("a.xml", xml).expect("settings");
        assert!(s.mapi_http);
        assert_eq!(s.protocol.as_deref(), Some("EXHTTP"));
    }

    #[test]
    fn outlook_provider_text() {
        let text = "Name              : EXCH\nCertPrincipalName :\n\nCertPrincipalName : msstd:mail.contoso.com\nServer            :\nName              : EXPR\n";
        let s = parse_outlook_provider("p.txt", text).expect("settings");
        assert_eq!(s.principal.as_deref(), Some("msstd:mail.contoso.com"));
        assert_eq!(s.server, None);
    }

    #[test]
    fn plain_text_is_not_settings() {
        assert!(parse_autodiscover("x", "hello <b>").is_none());
        assert!(parse_outlook_provider("x", "Name : EXCH").is_none());
    }
}
