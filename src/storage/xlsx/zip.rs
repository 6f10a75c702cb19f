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

    // An independent reader: it follows the end record to the central directory, each
    // directory entry to its local header, and checks what the ZIP format (APPNOTE 4.3)
    // requires of them, without using anything of the writer above.

    /// One entry as read back: the directory's fields, checked against the local header.
    #[derive(Debug)]
    struct Entry {
        name: String,
        made_by: u16,
        needed: u16,
        flags: u16,
        method: u16,
        time: u16,
        date: u16,
        crc: u32,
        compressed: usize,
        data: Vec<u8>,
    }

    fn le16(b: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    fn le32(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    fn at(b: &[u8], at: usize) -> usize {
        usize::try_from(le32(b, at)).expect("fits")
    }

    /// CRC-32 (reflected polynomial 0xEDB88320) bit by bit, as in APPNOTE 4.4.7.
    fn bitwise_crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn read(zip: &[u8]) -> Vec<Entry> {
        // End of central directory record: 22 bytes, as there is no comment.
        let end = zip.len() - 22;
        assert_eq!(le32(zip, end), 0x0605_4b50, "end record signature");
        assert_eq!(le16(zip, end + 4), 0, "number of this disk");
        assert_eq!(le16(zip, end + 6), 0, "disk where the directory starts");
        let count = usize::from(le16(zip, end + 8));
        assert_eq!(usize::from(le16(zip, end + 10)), count, "entries in total");
        let directory_size = at(zip, end + 12);
        let directory_at = at(zip, end + 16);
        assert_eq!(le16(zip, end + 20), 0, "comment length");
        assert_eq!(
            directory_at + directory_size,
            end,
            "the directory ends where the end record starts"
        );

        let mut entries = Vec::new();
        let mut cursor = directory_at;
        let mut next_local = 0;
        for _ in 0..count {
            let d = &zip[cursor..];
            assert_eq!(le32(d, 0), 0x0201_4b50, "directory entry signature");
            let name_len = usize::from(le16(d, 28));
            let extra_len = usize::from(le16(d, 30));
            let comment_len = usize::from(le16(d, 32));
            assert_eq!(le16(d, 34), 0, "disk number start");
            assert_eq!(le16(d, 36), 0, "internal attributes");
            assert_eq!(le32(d, 38), 0, "external attributes");
            let local_at = at(d, 42);
            let name = &d[46..46 + name_len];
            cursor += 46 + name_len + extra_len + comment_len;

            // Local headers follow each other without gaps, in directory order.
            assert_eq!(local_at, next_local, "local header offset");
            let l = &zip[local_at..];
            assert_eq!(le32(l, 0), 0x0403_4b50, "local header signature");
            // Bytes 4..26 of the local header repeat bytes 6..28 of the directory entry:
            // version needed, flags, method, time, date, CRC-32 and both sizes.
            assert_eq!(
                &l[4..26],
                &d[6..28],
                "local header agrees with the directory"
            );
            assert_eq!(usize::from(le16(l, 26)), name_len, "local name length");
            let local_extra = usize::from(le16(l, 28));
            assert_eq!(&l[30..30 + name_len], name, "local name");
            let body_at = 30 + name_len + local_extra;
            let compressed = at(d, 20);
            let body = &l[body_at..body_at + compressed];
            next_local = local_at + body_at + compressed;

            let method = le16(d, 10);
            let data = match method {
                0 => body.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec(body).expect("raw deflate"),
                other => panic!("unexpected method {other}"),
            };
            assert_eq!(data.len(), at(d, 24), "uncompressed size");
            let crc = le32(d, 16);
            assert_eq!(crc, bitwise_crc32(&data), "CRC-32 of the content");
            entries.push(Entry {
                name: String::from_utf8(name.to_vec()).expect("ASCII name"),
                made_by: le16(d, 4),
                needed: le16(d, 6),
                flags: le16(d, 8),
                method,
                time: le16(d, 12),
                date: le16(d, 14),
                crc,
                compressed,
                data,
            });
        }
        assert_eq!(cursor, end, "the directory holds exactly `count` entries");
        assert_eq!(
            next_local, directory_at,
            "the directory follows the last entry"
        );
        entries
    }

    #[test]
    fn parts_read_back_in_order_with_their_content() {
        let xml = "<row r=\"1\"><c t=\"n\"><v>1</v></c></row>".repeat(50);
        let noise: Vec<u8> = (0u32..300)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let parts: [(&str, &[u8]); 5] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("empty", b""),
            ("xl/worksheets/sheet1.xml", xml.as_bytes()),
            ("bin/noise", &noise),
            ("xl/styles.xml", b"a"),
        ];
        let zip = write(&parts);
        let entries = read(&zip);
        assert_eq!(entries.len(), parts.len());
        for (entry, (name, data)) in entries.iter().zip(&parts) {
            assert_eq!(entry.name, *name);
            assert_eq!(entry.data, *data, "{name}");
            // Sizes are in the local header: no data descriptor, no encryption.
            assert_eq!(entry.flags, 0, "{name}");
            // Made by MS-DOS (upper byte 0); deflate needs at least version 2.0.
            assert_eq!(entry.made_by >> 8, 0, "{name}");
            assert!(entry.needed >= 20 || entry.method == 0, "{name}");
            assert!(entry.made_by & 0xff >= entry.needed, "{name}");
        }
        assert_eq!(entries[2].method, DEFLATED, "repetitive XML is deflated");
        assert_eq!(entries[3].method, STORED, "noise does not deflate");
        assert_eq!(entries[1].compressed, 0, "an empty part stays empty");
    }

    #[test]
    fn crc_fields_hold_the_standard_crc32() {
        // Known CRC-32 values (zlib's crc32 gives the same).
        let vectors: [(&[u8], u32); 4] = [
            (b"", 0),
            (b"hi", 0xD893_2AAC),
            (b"123456789", 0xCBF4_3926),
            (b"The quick brown fox jumps over the lazy dog", 0x414F_A339),
        ];
        let parts: Vec<(&str, &[u8])> = vectors.iter().map(|&(d, _)| ("p", d)).collect();
        let entries = read(&write(&parts));
        for (entry, (data, crc)) in entries.iter().zip(vectors) {
            assert_eq!(entry.crc, crc, "{:?}", String::from_utf8_lossy(data));
        }
    }

    #[test]
    fn every_entry_is_dated_1980_01_01_at_midnight() {
        let entries = read(&write(&[("a", b"x"), ("b", "<v/>".repeat(99).as_bytes())]));
        for entry in entries {
            // MS-DOS date: bits 15..9 years since 1980, 8..5 month, 4..0 day.
            let (year, month, day) = (
                1980 + (entry.date >> 9),
                (entry.date >> 5) & 0xf,
                entry.date & 0x1f,
            );
            assert_eq!((year, month, day), (1980, 1, 1), "{}", entry.name);
            assert_eq!(entry.time, 0, "{}", entry.name);
        }
    }

    #[test]
    fn deflated_only_when_strictly_smaller() {
        // "aaaaa" deflates to exactly 5 bytes: a tie, which stays stored (no gain, and
        // stored entries are the simplest to read). Around it: 4 bytes deflate to 6, 6 to 5.
        assert_eq!(
            miniz_oxide::deflate::compress_to_vec(b"aaaaa", LEVEL).len(),
            5,
            "the tie this test relies on"
        );
        let runs: Vec<Vec<u8>> = (0..40).map(|n| vec![b'a'; n]).collect();
        let parts: Vec<(&str, &[u8])> = runs.iter().map(|r| ("run", r.as_slice())).collect();
        let entries = read(&write(&parts));
        for entry in &entries {
            let n = entry.data.len();
            match entry.method {
                STORED => assert_eq!(entry.compressed, n),
                _ => assert!(
                    entry.compressed < n,
                    "deflated {n} bytes into {}",
                    entry.compressed
                ),
            }
        }
        let methods: Vec<u16> = entries[..7].iter().map(|e| e.method).collect();
        assert_eq!(
            methods,
            [STORED, STORED, STORED, STORED, STORED, STORED, DEFLATED]
        );
    }

    #[test]
    fn no_parts_give_just_the_end_record() {
        let zip = write(&[]);
        assert_eq!(zip, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert!(read(&zip).is_empty());
    }

    #[test]
    fn same_parts_same_bytes() {
        let parts: [(&str, &[u8]); 2] = [("a.xml", b"<a/><a/><a/><a/>"), ("b", b"b")];
        assert_eq!(write(&parts), write(&parts));
    }

    #[test]
    fn sizes_saturate_rather_than_wrap() {
        assert_eq!(size(0), 0);
        assert_eq!(size(70_000), 70_000);
        assert_eq!(size16(65_535), 65_535);
        assert_eq!(size16(65_536), u16::MAX);
        assert_eq!(size16(usize::MAX), u16::MAX);
        assert_eq!(size(usize::MAX), u32::MAX);
        #[cfg(target_pointer_width = "64")]
        assert_eq!(size(1 << 32), u32::MAX);
    }
}
