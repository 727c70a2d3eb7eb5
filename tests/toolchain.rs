//! `wasm-pack.toml` is the one place that pins the web toolchain: this test
//! fails when Cargo.toml, Cargo.lock, package.json or package-lock.json disagree.

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
}

fn pinned(tool: &str) -> String {
    let config: toml::Table =
        toml::from_str(&read("wasm-pack.toml")).expect("wasm-pack.toml is TOML");
    config["tools"][tool]
        .as_str()
        .unwrap_or_else(|| panic!("wasm-pack.toml has no tools.{tool}"))
        .to_string()
}

#[test]
fn wasm_bindgen_cli_matches_the_locked_wasm_bindgen() {
    let lock: toml::Table = toml::from_str(&read("Cargo.lock")).expect("Cargo.lock is TOML");
    let locked: Vec<&str> = lock["package"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| p["name"].as_str() == Some("wasm-bindgen"))
        .filter_map(|p| p["version"].as_str())
        .collect();
    let want = pinned("wasm-bindgen-cli");
    assert_eq!(locked, [want.as_str()], "Cargo.lock's wasm-bindgen must equal wasm-pack.toml's wasm-bindgen-cli (cargo update -p wasm-bindgen --precise {want})");
    let manifest = read("Cargo.toml");
    assert!(
        manifest.contains(&format!("wasm-bindgen = \"={want}\"")),
        "Cargo.toml must pin wasm-bindgen = \"={want}\""
    );
}

#[test]
fn npm_tools_match_package_json_and_the_lock_file() {
    let package: serde_json::Value =
        serde_json::from_str(&read("package.json")).expect("package.json");
    let lock: serde_json::Value =
        serde_json::from_str(&read("package-lock.json")).expect("package-lock.json");
    for tool in ["binaryen", "playwright-core"] {
        let want = pinned(tool);
        assert_eq!(
            package["devDependencies"][tool].as_str(),
            Some(want.as_str()),
            "package.json devDependencies.{tool} must be exactly {want} (then run npm install)"
        );
        assert_eq!(
            lock["packages"][format!("node_modules/{tool}")]["version"].as_str(),
            Some(want.as_str()),
            "package-lock.json has another {tool}: run npm install"
        );
    }
}

#[test]
fn wasm_pack_version_is_pinned_where_setup_reads_it() {
    let version = pinned("wasm-pack");
    assert!(
        version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u32>().is_ok())
    );
    let setup = read("scripts/setup.sh");
    assert!(
        setup.contains("tools.wasm-pack"),
        "scripts/setup.sh must read the wasm-pack version from wasm-pack.toml"
    );
}
