//! The verdicts, decided from typed values: per client from how the principal
//! matched, overall from those and the certificate-level failures.

use crate::clients::ClientMatches;
use crate::principal::{Principal, PrincipalKind};
use crate::verdict::{ClientVerdicts, Verdict};

/// What the verdicts are decided from.
pub struct DecisionInputs<'a> {
    /// The parsed principal.
    pub principal: &'a Principal,
    /// True when a leaf was read.
    pub has_leaf: bool,
    /// False when the leaf is a CA certificate: the server's own is missing.
    pub has_server_certificate: bool,
    /// How the principal matched, when it was compared.
    pub matches: Option<&'a ClientMatches>,
    /// True when a certificate-level check fails (host, dates, EKU, a signature).
    pub blocked: bool,
    /// True when a warning weighs on the verdict (an unknown rule, a chain or content warning).
    pub warned: bool,
}

/// The verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Overall.
    pub overall: Verdict,
    /// Per client, for the principal name alone.
    pub clients: ClientVerdicts,
}

/// The verdict of each client for the principal name.
pub fn client_verdicts(inputs: &DecisionInputs<'_>) -> ClientVerdicts {
    match (inputs.principal.kind, inputs.has_leaf, inputs.matches) {
        (PrincipalKind::NotSet, _, _) => ClientVerdicts::all(Verdict::NotApplicable),
        (_, false, _) | (PrincipalKind::Fullsic, _, _) => ClientVerdicts::all(Verdict::Unknown),
        _ if !inputs.has_server_certificate => ClientVerdicts::all(Verdict::Unknown),
        // Windows rejects the string itself: every client fails.
        (PrincipalKind::Malformed, true, _) => ClientVerdicts::all(Verdict::Fail),
        (PrincipalKind::Msstd, true, Some(matches)) => matches.verdicts(),
        (PrincipalKind::Msstd, true, None) => ClientVerdicts::all(Verdict::Unknown),
    }
}

/// Decide every verdict.
pub fn decide(inputs: &DecisionInputs<'_>) -> Decision {
    let clients = client_verdicts(inputs);
    let overall = match inputs.principal.kind {
        _ if !inputs.has_leaf || !inputs.has_server_certificate => Verdict::Unknown,
        _ if inputs.blocked => Verdict::Fail,
        PrincipalKind::NotSet => Verdict::NotApplicable,
        PrincipalKind::Fullsic => Verdict::Unknown,
        _ if clients.modern_windows == Verdict::Fail => Verdict::Fail,
        _ if !clients.all_pass() || inputs.warned => Verdict::Warn,
        _ => Verdict::Pass,
    };
    Decision { overall, clients }
}
