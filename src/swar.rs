//! Eight bytes at a time: tests on a `u64` read from eight bytes of text
//! ("SIMD within a register"), for the passes that run over every byte of an
//! input or a report and look for bytes that are rare there.
//!
//! Each test is exact as to *whether* the group holds such a byte, never
//! missing one; which of its bytes it is, it does not tell (the borrow of a
//! lower byte can mark a higher one), so a hit is looked at byte by byte.

/// A `u64` of 0x01 bytes.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// A `u64` of 0x80 bytes: the high bit of each.
pub(crate) const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The eight bytes of `bytes` from `at`, read little-endian (the first byte
/// lowest, as [`first_byte_at`] needs); `None` when fewer than eight are left.
pub(crate) fn group_at(bytes: &[u8], at: usize) -> Option<u64> {
    let group: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(group))
}

/// The high bit set in each byte of `group` that is `b` (and, above the
/// first such byte, perhaps in others: the borrow runs upward).
fn byte_marks(group: u64, b: u8) -> u64 {
    let xor = group ^ (ONES * u64::from(b));
    xor.wrapping_sub(ONES) & !xor & HIGHS
}

/// Does the eight-byte `group` hold the byte `b`?
pub(crate) fn group_has_byte(group: u64, b: u8) -> bool {
    byte_marks(group, b) != 0
}

/// Where the first byte `b` of the eight-byte `group` is, the group read
/// little-endian ([`group_at`]): the lowest byte marked is always a real one.
pub(crate) fn first_byte_at(group_le: u64, b: u8) -> Option<usize> {
    let marks = byte_marks(group_le, b);
    (marks != 0).then(|| marks.trailing_zeros() as usize / 8)
}

/// Does the eight-byte `group` hold a byte below `limit` (at most 0x80)?
pub(crate) fn group_has_byte_below(group: u64, limit: u8) -> bool {
    debug_assert!(limit <= 0x80);
    group.wrapping_sub(ONES * u64::from(limit)) & !group & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of a group, among filler bytes on
    /// either side of the tested value: the answer is the byte-by-byte one.
    #[test]
    fn the_tests_agree_with_a_byte_by_byte_look() {
        for filler in [0x00u8, 0x1f, 0x20, b'a', 0x7f, 0x80, 0xff] {
            for value in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = value;
                    let group = u64::from_ne_bytes(bytes);
                    let mut padded = vec![b'x'; at];
                    padded.extend_from_slice(&bytes);
                    assert_eq!(group_at(&padded, at), Some(u64::from_le_bytes(bytes)));
                    assert_eq!(group_at(&padded, at + 1), None);
                    for b in [0x00, b'"', b'\\', b'<', b'\n', 0x7f, 0xff] {
                        assert_eq!(group_has_byte(group, b), bytes.contains(&b));
                        assert_eq!(
                            first_byte_at(u64::from_le_bytes(bytes), b),
                            bytes.iter().position(|&x| x == b),
                            "{bytes:02x?} {b:#x}"
                        );
                    }
                    for limit in [0x01, 0x20, 0x80] {
                        assert_eq!(
                            group_has_byte_below(group, limit),
                            bytes.iter().any(|&x| x < limit),
                            "{bytes:02x?} below {limit:#x}"
                        );
                    }
                }
            }
        }
    }
}
