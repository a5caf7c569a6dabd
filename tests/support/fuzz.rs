//! The proptest configuration the fuzz tests share: `FUZZ_CASES` cases per property (CI's
//! default 2,000; the long runs recorded in the README set it higher), no failure files.

use proptest::test_runner::Config;

/// `FUZZ_CASES` cases (default 2,000), failures not persisted.
pub fn config() -> Config {
    Config {
        cases: std::env::var("FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000),
        failure_persistence: None,
        ..Config::default()
    }
}
