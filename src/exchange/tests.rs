//! Detection: what `parse` claims and what it leaves to the rest of the intake;
//! and the kinds of record told apart in one text.

use super::*;

const T: &str = "5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D";

#[test]
fn certificate_and_outlook_anywhere_properties_are_noticed() {
    assert!(looks_like_exchange(&format!("Thumbprint : {T}")));
    assert!(looks_like_exchange(
        "> ExternalHostname   : mail.contoso.com\r\n"
    ));
    assert!(looks_like_exchange(
        "Thumbprint                                Services   Subject"
    ));
    assert!(looks_like_exchange(&format!(
        "{T}  IP.WS..    CN=mail.contoso.com"
    )));
}

#[test]
fn other_texts_are_not_noticed() {
    let others = [
        "",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "<Autodiscover><Response><Protocol><Type>EXPR</Type></Protocol></Response></Autodiscover>",
        "Certificate:\n    Data:\n        Subject: CN=mail.contoso.com\n        Not After : Mar 14 23:59:59 2027 GMT\n",
        "subject=CN = mail.contoso.com\nVerify return code: 0 (ok)\n    Protocol  : TLSv1.2\n",
        "Name              : EXPR\nCertPrincipalName : msstd:mail.contoso.com\nServer            :\n",
        "Hi, the thumbprint is 5E1F6E4B. Subject: renewal.\nThumbprint: 5E1F\n",
        "Cert Hash(sha1): 5e 1f 6e 4b\nNotAfter: 3/14/2027 11:59 PM\n",
        // Get-MapiVirtualDirectory | fl: IIS methods, but not Outlook Anywhere.
        "Server                        : EX01\nIISAuthenticationMethods      : {Ntlm, OAuth, Negotiate}\n\
         InternalUrl                   : https://ex01.contoso.local/mapi\n",
    ];
    for text in others {
        assert!(!looks_like_exchange(text), "{text}");
        assert!(parse(text).is_none(), "{text}");
    }
}

#[test]
fn a_lone_noticed_property_that_reads_as_nothing_is_not_claimed() {
    // `Services` alone (no thumbprint, no second certificate property): unknown.
    assert!(parse("Services : IIS\nName     : x\n").is_none());
    // A thumbprint that is not one does not make a certificate by itself.
    assert!(parse("Thumbprint : not-a-thumbprint\n").is_none());
}

#[test]
fn a_bare_thumbprint_list_is_read() {
    let t = parse(&format!(
        "\nThumbprint : {T}\n\nThumbprint : {}\n",
        T.to_lowercase()
    ))
    .expect("read");
    assert_eq!(t.certificates.len(), 2);
    assert!(t
        .certificates
        .iter()
        .all(|c| c.thumbprint.as_ref().map(|t| t.as_str()) == Some(T)));
    assert_eq!(t.problems, []);
}

#[test]
fn records_are_told_apart_by_their_properties() {
    let text = format!(
        "Thumbprint : {T}\nServices   : IIS\n\n\
         ExternalHostname : mail.contoso.com\nSSLOffloading    : False\n\n\
         Name              : EXPR\nCertPrincipalName : msstd:mail.contoso.com\n\n\
         Alias : pat\nDisplayName : Pat\n"
    );
    let t = parse(&text).expect("read");
    assert_eq!(t.certificates.len(), 1);
    assert_eq!(t.outlook_anywhere.len(), 1);
    assert_eq!(t.outlook_provider_records, 1);
    assert_eq!(t.unknown_records, 1);
    assert_eq!(
        t.problems,
        [Problem {
            line: 10,
            kind: ProblemKind::UnknownRecord { properties: 2 }
        }]
    );
}

#[test]
fn two_records_run_together_are_a_mixed_record() {
    let text = format!("Thumbprint : {T}\nServices : IIS\nExternalHostname : mail.contoso.com\n");
    let t = parse(&text).expect("read");
    assert_eq!(t.certificates.len(), 1);
    assert_eq!(t.problems[0].kind, ProblemKind::MixedRecord);
}

#[test]
fn services_and_their_string_form_are_compared() {
    let text = format!(
        "Thumbprint         : {T}\nServices           : IIS, SMTP\nServicesStringForm : ....S..\n"
    );
    let t = parse(&text).expect("read");
    assert_eq!(t.problems[0].kind, ProblemKind::ServicesDisagree);
    // Only the string form: it is used.
    let text = format!("Thumbprint         : {T}\nServicesStringForm : IP.WS..\n");
    let t = parse(&text).expect("read");
    assert_eq!(t.certificates[0].has_iis(), Some(true));
}

#[test]
fn bad_values_are_typed_problems() {
    let text = format!(
        "Thumbprint    : {T}\nServices      : IIS, Web\nNotAfter      : soon\nStatus        : Gültig\n\
         PublicKeySize : big\nIsSelfSigned  : Yes\nRootCAType    : Cloud\n"
    );
    let t = parse(&text).expect("read");
    let kinds: Vec<&ProblemKind> = t.problems.iter().map(|p| &p.kind).collect();
    assert!(
        matches!(kinds[0], ProblemKind::BadServices { error: ServicesError::UnknownName { name }, .. } if name == "Web")
    );
    assert!(matches!(kinds[1], ProblemKind::UnreadableDate { text, .. } if text == "soon"));
    assert!(matches!(kinds[2], ProblemKind::UnknownValue { property, .. } if property == "Status"));
    assert!(matches!(kinds[3], ProblemKind::BadNumber { .. }));
    assert!(matches!(kinds[4], ProblemKind::BadBoolean { .. }));
    assert!(
        matches!(kinds[5], ProblemKind::UnknownValue { property, .. } if property == "RootCAType")
    );
    let c = &t.certificates[0];
    assert_eq!(c.has_iis(), Some(true));
    assert!(matches!(c.not_after, Some(PsDate::Unreadable { .. })));
    assert_eq!(
        (
            c.status,
            c.public_key_size,
            c.is_self_signed,
            c.root_ca_type
        ),
        (None, None, None, None)
    );
}

#[test]
fn odd_text_never_panics() {
    let nasty = [
        "Thumbprint : é\u{0301}\u{200e}",
        "Thumbprint                                Services   Subject\n-\n",
        "Thumbprint Services Subject\n---------- --------\n",
        &format!("Thumbprint X\n---------- -\n{T}"),
        &format!("{T} IP.WS.. \u{1b}[31mCN=x\u{1b}["),
        "ExternalHostname : {{{{{{\n\n\n  }",
        "ExternalHostname :\n  \u{a0}\u{a0}é\n",
        "IISAuthenticationMethods : {Basic, Carrier Pigeon...}",
        "SSLOffloading : True\r\r\r\n\r",
        "[PS] C:\\>\n[PS] C:\\>SSLOffloading : True",
    ];
    for text in nasty {
        let _ = parse(text);
    }
}
