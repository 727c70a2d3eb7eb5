//! The limits that keep hostile or huge input from hanging or exhausting the
//! analyzer, on the command line and in the page alike. Each is enforced where
//! the input is read, reported as a finding, and tested (tests/hostile.rs).

/// The most bytes read from one input (a file, or the pasted text).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// The most bytes read from all inputs of one analysis together.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// The most certificates read in one analysis (the rest are counted, not read).
pub const MAX_CERTIFICATES: usize = 1_000;

/// The most subject alternative names kept per certificate.
pub const MAX_SANS: usize = 4_096;

/// The most signatures checked in one analysis (a crafted bundle of many
/// same-name issuers would otherwise cost one check per pair).
pub const MAX_SIGNATURE_CHECKS: usize = 256;

/// The deepest BER/DER nesting followed (the bound of the asn1-rs parser).
pub const MAX_NESTING: usize = 50;

/// The most PKCS#12 key-derivation or MAC iterations computed (p12-keystore's bound).
pub const MAX_PBE_ITERATIONS: u32 = crate::intake::pkcs12::MAX_ITERATIONS;

/// A byte count for messages: `20.0 MB`.
pub(crate) fn megabytes(bytes: usize) -> String {
    // Integer arithmetic: float formatting would add kilobytes to the wasm.
    let tenths = (bytes as u64 * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_are_rounded_to_tenths() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20.0 MB");
        assert_eq!(megabytes(16 * 1024 * 1024 + 100 * 1024), "16.1 MB");
        assert_eq!(megabytes(0), "0.0 MB");
    }
}
