//! Checks that every reader gives the same records on the bodies, then times each.
//! Usage: bench [BODY_DIR] [REPS]   (BODY_DIR holds `<provider>.<thin|full>.json`)

use std::time::Instant;

use readers::{Collect, Count, Reader, Vendor};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "/work/readers-bodies".into());
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    println!("| provider | shape | MB | reader | median ms | min ms | records |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for vendor in Vendor::ALL {
        for shape in ["thin", "full"] {
            let path = format!("{dir}/{}.{shape}.json", vendor.id());
            let Ok(body) = std::fs::read_to_string(&path) else {
                eprintln!("no {path}: skipped");
                continue;
            };
            // The same spans, fields and private-key paths from every reader.
            let mut expected = Collect::default();
            Reader::Current.read(&body, vendor, &mut expected).expect("current reads the body");
            let with_keys = expected.0.iter().filter(|r| !r.private_keys.is_empty()).count();
            for reader in Reader::ALL {
                let mut got = Collect::default();
                reader.read(&body, vendor, &mut got).unwrap_or_else(|e| panic!("{}: {e}", reader.name()));
                assert_eq!(got.0.len(), expected.0.len(), "{}", reader.name());
                for (g, e) in got.0.iter().zip(&expected.0) {
                    assert_eq!(g, e, "{} on {path}", reader.name());
                }
                for r in &got.0 {
                    let (start, end) = r.span;
                    let text: serde_json::Value = serde_json::from_str(&body[start..end]).expect("a span is a record");
                    assert!(text.is_object());
                }
            }
            eprintln!("{path}: {} records ({with_keys} with private keys) agree across {} readers", expected.0.len(), Reader::ALL.len());
            for reader in Reader::ALL {
                let mut times = Vec::new();
                let mut records = 0;
                for _ in 0..reps {
                    let mut count = Count::default();
                    let t = Instant::now();
                    reader.read(&body, vendor, &mut count).expect("reads");
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    records = count.records;
                    std::hint::black_box(count.sum);
                }
                times.sort_by(f64::total_cmp);
                println!(
                    "| {} | {shape} | {:.1} | {} | {:.1} | {:.1} | {records} |",
                    vendor.id(),
                    body.len() as f64 / 1e6,
                    reader.name(),
                    times[times.len() / 2],
                    times[0],
                );
            }
        }
    }
}
