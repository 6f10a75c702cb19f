//! The smallest ZIP writer an .xlsx needs: one local header and one central-directory
//! entry per part, deflated with `miniz_oxide` (stored when deflate does not help), no
//! ZIP64, no extra fields, no comments.
//!
//! Every entry has the same timestamp (1980-01-01 00:00, the earliest a ZIP can hold), so
//! the same workbook always gives the same bytes.

use crate::storage::crc32::crc32;

/// DOS date of 1980-01-01: (year − 1980) << 9 | month << 5 | day.
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Version needed to extract" (and "made by", MS-DOS attributes): 2.0, for deflate.
const VERSION: u16 = 20;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// miniz_oxide's default level: the parts are small and compress well at any level.
const LEVEL: u8 = 6;

/// A ZIP archive holding `parts` (name, content) in that order. Names are ASCII paths
/// with `/`. An archive beyond 4 GiB (which ZIP64 would need) cannot arise from a
/// workbook of bounded scenarios; sizes saturate rather than wrap if it ever did.
pub(super) fn write(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in parts {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, LEVEL);
        let (method, body) = if deflated.len() < data.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, *data)
        };
        let offset = size(out.len());
        // What the local header and the directory entry share, from "version needed" on.
        let mut common = Vec::with_capacity(26);
        u16s(&mut common, &[VERSION, 0, method, 0, DOS_DATE]);
        u32s(
            &mut common,
            &[crc32(data), size(body.len()), size(data.len())],
        );
        u16s(&mut common, &[size16(name.len())]);

        u32s(&mut out, &[0x0403_4b50]);
        out.extend_from_slice(&common);
        u16s(&mut out, &[0]); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        u32s(&mut directory, &[0x0201_4b50]);
        u16s(&mut directory, &[VERSION]); // made by
        directory.extend_from_slice(&common);
        // Extra field, comment, disk number, internal attributes; external attributes
        // and the offset of the local header.
        u16s(&mut directory, &[0, 0, 0, 0]);
        u32s(&mut directory, &[0, offset]);
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_at = size(out.len());
    out.extend_from_slice(&directory);
    u32s(&mut out, &[0x0605_4b50]);
    let count = size16(parts.len());
    u16s(&mut out, &[0, 0, count, count]);
    u32s(&mut out, &[size(directory.len()), directory_at]);
    u16s(&mut out, &[0]); // comment length
    out
}

fn u16s(out: &mut Vec<u8>, values: &[u16]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn u32s(out: &mut Vec<u8>, values: &[u32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn size(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn size16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_of_one_stored_entry() {
        let zip = write(&[("a.txt", b"hi")]);
        // Local header (30) + name (5) + data (2), directory entry (46 + 5), end record (22).
        assert_eq!(zip.len(), 30 + 5 + 2 + 46 + 5 + 22);
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([zip[8], zip[9]]), STORED);
        assert_eq!(&zip[30..35], b"a.txt");
        assert_eq!(&zip[35..37], b"hi");
        assert_eq!(&zip[37..41], b"PK\x01\x02");
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 1);
        assert_eq!(u32::from_le_bytes([end[16], end[17], end[18], end[19]]), 37);
    }

    #[test]
    fn compressible_parts_are_deflated() {
        let text = "<row/>".repeat(200);
        let zip = write(&[("x.xml", text.as_bytes())]);
        assert_eq!(u16::from_le_bytes([zip[8], zip[9]]), DEFLATED);
        let size = u32::from_le_bytes([zip[18], zip[19], zip[20], zip[21]]) as usize;
        let body = &zip[35..35 + size];
        let back = miniz_oxide::inflate::decompress_to_vec(body).expect("inflates");
        assert_eq!(back, text.as_bytes());
    }
}
