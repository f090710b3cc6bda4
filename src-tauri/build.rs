use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    // generate_context! embeds ui/dist; say how to make it rather than fail deep inside the macro.
    if !Path::new("../ui/dist/index.html").exists() {
        panic!("ui/dist/index.html is missing: build the front end first (cd ui && npm ci && npm run build), or run scripts/test.sh");
    }
    let manifest = tauri_build::AppManifest::new().commands(&[
        "open_project",
        "open_file",
        "new_project",
        "import_grid",
        "save_as",
        "open_copy",
        "take_over",
        "check_disk",
        "reload",
        "save_mine",
        "plan_merge",
        "merge_copy",
        "templates",
        "save_template",
        "recent_files",
        "preferences",
        "set_language",
        "apply_change",
        "order_keys",
        "plan_future_state",
        "future_diff",
        "import_image",
        "preview_export",
        "export_pdf",
        "reveal_export",
        "rank_opportunities",
        "write_ranking_csv",
        "preview_survey",
        "import_survey",
        "touchpoint_kpis",
        "room_interfaces",
        "open_room",
        "room_status",
        "set_room_phase",
        "approve_submissions",
        "approve_edited",
        "merge_submissions",
        "hide_submissions",
        "kick_participant",
        "close_room",
        "share_live",
        "join_live",
        "follow_live",
        "live_editing",
        "undo_own",
    ]);
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
