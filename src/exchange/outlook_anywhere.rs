//! One Outlook Anywhere virtual directory of `Get-OutlookAnywhere | Format-List`
//! (one record per server). The properties and the authentication methods are
//! those of Set-OutlookAnywhere
//! (<https://learn.microsoft.com/en-us/powershell/module/exchange/set-outlookanywhere>);
//! `Identity` is `SERVER\Rpc (Default Web Site)`
//! (<https://learn.microsoft.com/en-us/powershell/module/exchange/get-outlookanywhere>).
//! Exchange 2010 has one `ClientAuthenticationMethod` instead of the external
//! and internal ones, and no `*ClientsRequireSsl`.

use serde::Serialize;

use super::certificate::list;
use super::format_list::{Property, RawRecord};
use super::problems::{ProblemKind, Problems};
use super::values::{boolean, string};

/// An authentication method of Outlook Anywhere (the documented values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// `Basic`.
    Basic,
    /// `Digest`.
    Digest,
    /// `Ntlm`.
    Ntlm,
    /// `Fba` (forms-based).
    Fba,
    /// `WindowsIntegrated`.
    WindowsIntegrated,
    /// `LiveIdFba`.
    LiveIdFba,
    /// `LiveIdBasic`.
    LiveIdBasic,
    /// `WSSecurity`.
    WsSecurity,
    /// `Certificate`.
    Certificate,
    /// `NegoEx`.
    NegoEx,
    /// `OAuth`.
    #[serde(rename = "oauth")]
    OAuth,
    /// `Adfs`.
    Adfs,
    /// `Kerberos`.
    Kerberos,
    /// `Negotiate`.
    Negotiate,
    /// `LiveIdNegotiate`.
    LiveIdNegotiate,
    /// `MaxValidValue` (Exchange 2010; reserved, makes authentication fail).
    MaxValidValue,
    /// `Misconfigured`.
    Misconfigured,
}

const METHODS: [(&str, AuthMethod); 17] = [
    ("Basic", AuthMethod::Basic),
    ("Digest", AuthMethod::Digest),
    ("Ntlm", AuthMethod::Ntlm),
    ("Fba", AuthMethod::Fba),
    ("WindowsIntegrated", AuthMethod::WindowsIntegrated),
    ("LiveIdFba", AuthMethod::LiveIdFba),
    ("LiveIdBasic", AuthMethod::LiveIdBasic),
    ("WSSecurity", AuthMethod::WsSecurity),
    ("Certificate", AuthMethod::Certificate),
    ("NegoEx", AuthMethod::NegoEx),
    ("OAuth", AuthMethod::OAuth),
    ("Adfs", AuthMethod::Adfs),
    ("Kerberos", AuthMethod::Kerberos),
    ("Negotiate", AuthMethod::Negotiate),
    ("LiveIdNegotiate", AuthMethod::LiveIdNegotiate),
    ("MaxValidValue", AuthMethod::MaxValidValue),
    ("Misconfigured", AuthMethod::Misconfigured),
];

/// A list of authentication methods (`IISAuthenticationMethods : {Basic, Ntlm, Negotiate}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct AuthMethods {
    /// The methods shown (unknown names are left out and reported).
    pub methods: Vec<AuthMethod>,
    /// True when PowerShell cut the list (`...`).
    pub truncated: bool,
}

/// One Outlook Anywhere virtual directory. Every property is `None` when it was
/// not in the output (or could not be read: see the problems).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct OutlookAnywhere {
    /// The 1-based line where the record starts.
    pub line: usize,
    /// `Identity`: `EX01\Rpc (Default Web Site)`.
    pub identity: Option<String>,
    /// `Server` (or `ServerName`, or the part of `Identity` before the backslash).
    pub server: Option<String>,
    /// `ExternalHostname`: the RPC proxy host external clients reach.
    pub external_hostname: Option<String>,
    /// `InternalHostname`.
    pub internal_hostname: Option<String>,
    /// `ExternalClientsRequireSsl`.
    pub external_clients_require_ssl: Option<bool>,
    /// `InternalClientsRequireSsl`.
    pub internal_clients_require_ssl: Option<bool>,
    /// `SSLOffloading`: TLS ends before Exchange (a load balancer or proxy).
    pub ssl_offloading: Option<bool>,
    /// `ExternalClientAuthenticationMethod`.
    pub external_client_authentication_method: Option<AuthMethod>,
    /// `InternalClientAuthenticationMethod`.
    pub internal_client_authentication_method: Option<AuthMethod>,
    /// `ClientAuthenticationMethod` (Exchange 2010).
    pub client_authentication_method: Option<AuthMethod>,
    /// `IISAuthenticationMethods`.
    pub iis_authentication_methods: Option<AuthMethods>,
    /// How many properties the record had.
    pub properties: usize,
    /// How many of them are not read here.
    pub other_properties: usize,
}

/// Read an Outlook Anywhere record.
pub(crate) fn outlook_anywhere(record: &RawRecord, problems: &mut Problems) -> OutlookAnywhere {
    let mut oa = OutlookAnywhere {
        line: record.line,
        identity: None,
        server: None,
        external_hostname: None,
        internal_hostname: None,
        external_clients_require_ssl: None,
        internal_clients_require_ssl: None,
        ssl_offloading: None,
        external_client_authentication_method: None,
        internal_client_authentication_method: None,
        client_authentication_method: None,
        iis_authentication_methods: None,
        properties: record.properties.len(),
        other_properties: 0,
    };
    let mut server_name = None;
    for p in &record.properties {
        if p.name.eq_ignore_ascii_case("ServerName") {
            server_name = string(p);
            continue;
        }
        if !set(&mut oa, p, problems) {
            oa.other_properties += 1;
        }
    }
    let from_identity = oa
        .identity
        .as_deref()
        .and_then(|i| i.split_once('\\'))
        .map(|(server, _)| server.trim().to_string())
        .filter(|s| !s.is_empty());
    oa.server = oa.server.take().or(server_name).or(from_identity);
    oa
}

fn set(oa: &mut OutlookAnywhere, p: &Property, problems: &mut Problems) -> bool {
    match p.name.to_ascii_lowercase().as_str() {
        "identity" => oa.identity = string(p),
        "server" => oa.server = string(p),
        "externalhostname" => oa.external_hostname = string(p),
        "internalhostname" => oa.internal_hostname = string(p),
        "externalclientsrequiressl" => oa.external_clients_require_ssl = boolean(p, problems),
        "internalclientsrequiressl" => oa.internal_clients_require_ssl = boolean(p, problems),
        "ssloffloading" => oa.ssl_offloading = boolean(p, problems),
        "externalclientauthenticationmethod" => {
            oa.external_client_authentication_method = method(p, &p.value, problems)
        }
        "internalclientauthenticationmethod" => {
            oa.internal_client_authentication_method = method(p, &p.value, problems)
        }
        "clientauthenticationmethod" => {
            oa.client_authentication_method = method(p, &p.value, problems)
        }
        "iisauthenticationmethods" => oa.iis_authentication_methods = Some(methods(p, problems)),
        _ => return false,
    }
    true
}

fn method(p: &Property, text: &str, problems: &mut Problems) -> Option<AuthMethod> {
    if text.is_empty() {
        return None;
    }
    let found = METHODS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(text))
        .map(|(_, m)| *m);
    if found.is_none() {
        let (property, text) = (p.name.clone(), text.to_string());
        problems.push(p.line, ProblemKind::UnknownValue { property, text });
    }
    found
}

fn methods(p: &Property, problems: &mut Problems) -> AuthMethods {
    let names = list(p, problems);
    AuthMethods {
        methods: names
            .names
            .iter()
            .filter_map(|n| method(p, n, problems))
            .collect(),
        truncated: names.truncated,
    }
}
