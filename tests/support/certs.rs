//! Certificates and keys made by OpenSSL at test time (`tests/support/make-certs.sh`), once per
//! test binary, under the target's temporary directory.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The directory `make-certs.sh` wrote, made on first use.
pub fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "certs-{}",
            std::env::current_exe()
                .ok()
                .and_then(|e| e.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_default()
        ));
        let status = std::process::Command::new("bash")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/support/make-certs.sh"
            ))
            .arg(&dir)
            .status()
            .expect("bash runs");
        assert!(
            status.success(),
            "make-certs.sh failed (is openssl installed?)"
        );
        dir
    })
}
