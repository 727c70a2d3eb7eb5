//! The TypeScript types of the report (`www/report-types.d.ts`) are generated
//! from the Rust types; this test fails when the committed file is out of date.
//! Regenerate with `UPDATE_TYPES=1 cargo test --features typescript --test typescript`.
#![cfg(feature = "typescript")]

use std::path::Path;

use msstd_check::cert::{
    BasicConstraintsFacts, CertificateFacts, DistinguishedName, ExtensionFacts, KeyPurpose,
    NameAttribute, PublicKeyFacts, SanFacts, SubjectAltNames, ValidityFacts,
};
use msstd_check::chain::{ChainEnd, ChainLink, ChainReport, IssuerKind};
use msstd_check::compare::{
    Advice, Change, ChangeField, ChangeValue, Client, Comparison, Importance, NameDelta, Side,
    Timing,
};
use msstd_check::findings::{Finding, Topic};
use msstd_check::fix::Fix;
use msstd_check::intake::{InputForm, IntakeItem, Origin, Outcome};
use msstd_check::principal::{Principal, PrincipalKind};
use msstd_check::report::{Alternative, Engine, Report, VerdictSummary};
use msstd_check::rules::{Grade, Severity};
use msstd_check::signature::SignatureCheck;
use msstd_check::verdict::{ClientVerdicts, Verdict};
use ts_rs::{Config, TS};

fn generated() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Report::decl(&cfg),
        Engine::decl(&cfg),
        VerdictSummary::decl(&cfg),
        Verdict::decl(&cfg),
        ClientVerdicts::decl(&cfg),
        Alternative::decl(&cfg),
        Principal::decl(&cfg),
        PrincipalKind::decl(&cfg),
        Finding::decl(&cfg),
        Topic::decl(&cfg),
        Severity::decl(&cfg),
        Grade::decl(&cfg),
        Fix::decl(&cfg),
        CertificateFacts::decl(&cfg),
        Origin::decl(&cfg),
        InputForm::decl(&cfg),
        DistinguishedName::decl(&cfg),
        NameAttribute::decl(&cfg),
        SanFacts::decl(&cfg),
        SubjectAltNames::decl(&cfg),
        ValidityFacts::decl(&cfg),
        KeyPurpose::decl(&cfg),
        BasicConstraintsFacts::decl(&cfg),
        ExtensionFacts::decl(&cfg),
        PublicKeyFacts::decl(&cfg),
        ChainReport::decl(&cfg),
        ChainLink::decl(&cfg),
        IssuerKind::decl(&cfg),
        ChainEnd::decl(&cfg),
        SignatureCheck::decl(&cfg),
        IntakeItem::decl(&cfg),
        Outcome::decl(&cfg),
        Comparison::decl(&cfg),
        // `names` is flattened and absent for fields that are not lists, which
        // ts-rs cannot say of an Option: the type says it.
        Change::decl(&cfg).replacen("type Change = ", "type Change = Partial<NameDelta> & ", 1),
        ChangeField::decl(&cfg),
        Importance::decl(&cfg),
        ChangeValue::decl(&cfg),
        NameDelta::decl(&cfg),
        Advice::decl(&cfg),
        Timing::decl(&cfg),
        Client::decl(&cfg),
        Side::decl(&cfg),
    ];
    let mut out = String::from(
        "// The msstd-check report, as analyze() returns it and `msstd-check --json` prints it,\n\
         // and the comparison of two certificates (compare(), `msstd-check --compare --json`).\n\
         // Generated from the Rust types by tests/typescript.rs; do not edit by hand.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn typescript_types_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/report-types.d.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &fresh).expect("write types");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "www/report-types.d.ts is out of date: run UPDATE_TYPES=1 cargo test --features typescript --test typescript"
    );
}
