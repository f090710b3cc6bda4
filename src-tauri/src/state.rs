//! What the shell holds between commands: the project file this window shows, and the recent
//! files list. Every operation here is the core's; this only swaps which file is open.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use ts_rs::TS;
use waymark::store::{Liveness, ProjectFile};
use waymark::{Change, Origin, Project};

use crate::error::{ErrorCode, IpcError};
use crate::paths::{file_name, from_folder, same_file, with_waymark_extension};
use crate::recent::{RecentFile, RecentFiles};

/// The language a new project's content is assumed to be in, as `waymark new` assumes it.
const NEW_PROJECT_LOCALE: &str = "en";

/// Where the window keeps its project file. Shared, because the workshop room writes to the same
/// file from its own thread (see room.rs).
pub(crate) type FileSlot = Arc<Mutex<Option<Result<ProjectFile, IpcError>>>>;

/// The window's project. Nothing is open when the app started without a file; a file given on
/// the command line that failed to open keeps its error, so the window can say what went wrong.
pub struct Opened {
    file: FileSlot,
    /// The last PDF this window exported: the one file "Show in folder" may reveal.
    exported: Mutex<Option<PathBuf>>,
    recent: RecentFiles,
}

/// What the front end needs to show a project.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedView {
    pub path: PathBuf,
    pub file_name: String,
    /// Why the file cannot be edited, if it cannot.
    pub read_only: Option<String>,
    /// Who has the file open, when that is why it is read-only.
    pub in_use: Option<InUseView>,
    /// The live session the project belongs to, when it went live (shared or joined).
    pub live: Option<LiveSessionView>,
    /// Where the export dialog proposes to write: `<project name>.pdf` beside the file.
    pub export_path: PathBuf,
    pub project: Project,
    /// The last change in `project` (`ProjectFile::last_change`): a change heard of later with a
    /// number up to this one is in it already.
    #[ts(type = "number")]
    pub seq: i64,
}

/// Someone else's in-use mark, as the read-only banner names it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InUseView {
    pub user: String,
    pub host: String,
    /// RFC 3339: when they opened it.
    pub since: String,
    /// No sign of life for hours: probably a crash on their machine, so taking over is safe.
    pub stale: bool,
}

/// The live session of a project that went live: what the window needs to name it and to join
/// it from another file. Several people are expected on a live project, so a second opener of the
/// same file is offered this session rather than only a copy (docs/sync.md).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LiveSessionView {
    /// The project's link, token included: what File → Join… takes.
    pub link: String,
    /// The server's address without a path or token (`ws://host:7878`), to name it.
    pub server: String,
    /// The project's id on that server.
    pub project: String,
}

/// An undo of the window's own change on a live file, as far as it is still the window's own:
/// `change` is what was applied (empty when nothing of it was left to undo).
#[derive(Debug, Serialize, TS)]
pub struct Undone {
    pub change: Change,
    pub modified: String,
    /// The change's place in the file (see `Applied`); the file's last change when it is empty.
    #[ts(type = "number")]
    pub seq: i64,
}

/// A change that is in the file: `modified` is the project's new timestamp, `seq` the change's
/// place in the file (`ProjectFile::last_change`). On a live file others' changes reach the
/// window as events that may arrive after this answer though the file took them before; the
/// window orders both by `seq`.
#[derive(Debug, Serialize, TS)]
pub struct Applied {
    pub modified: String,
    #[ts(type = "number")]
    pub seq: i64,
}

impl Opened {
    /// The window's state at start: the file given on the command line, if any.
    pub fn open(path: Option<&Path>, recent: RecentFiles) -> Opened {
        let file = path.map(|path| {
            let opened = ProjectFile::open(path).map_err(IpcError::from);
            if opened.is_ok() {
                recent.remember(path);
            }
            opened
        });
        Opened {
            file: Arc::new(Mutex::new(file)),
            exported: Mutex::new(None),
            recent,
        }
    }

    /// Closes the open project (its in-use mark goes with it); the app is quitting.
    pub fn close(&self) {
        let taken = self.file.lock().ok().and_then(|mut slot| slot.take());
        if let Some(Ok(file)) = taken {
            if let Err(error) = file.close() {
                eprintln!("waymark-app: closing the project: {error}");
            }
        }
    }

    /// The open project; `None` when nothing was ever opened (the start screen), the error when
    /// the file given at start failed to open.
    pub fn current(&self) -> Result<Option<OpenedView>, IpcError> {
        match &*self.lock()? {
            None => Ok(None),
            Some(Err(error)) => Err(error.clone()),
            Some(Ok(file)) => Ok(Some(view_of(file))),
        }
    }

    /// The open project, or an error saying none is.
    pub fn view(&self) -> Result<OpenedView, IpcError> {
        let guard = self.lock()?;
        Ok(view_of(open_file(&guard)?))
    }

    /// Opens another file in this window. On failure the project that was open stays open.
    pub fn open_file(&self, path: &Path) -> Result<OpenedView, IpcError> {
        let mut guard = self.lock()?;
        if let Some(Ok(file)) = &*guard {
            if same_file(file.path(), path) {
                return Ok(view_of(file));
            }
        }
        let file = ProjectFile::open(path)?;
        Ok(self.replace(&mut guard, file))
    }

    /// Creates a project from a built-in template and opens it; never replaces an existing file.
    pub fn new_project(
        &self,
        path: &Path,
        name: &str,
        template: &str,
    ) -> Result<OpenedView, IpcError> {
        self.new_project_from(
            path,
            name,
            &waymark::template::builtin(template)?,
            NEW_PROJECT_LOCALE,
        )
    }

    /// Creates a project from `template` with its text in `locale`'s language and opens it.
    pub fn new_project_from(
        &self,
        path: &Path,
        name: &str,
        template: &waymark::template::Template,
        locale: &str,
    ) -> Result<OpenedView, IpcError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(IpcError::new(
                ErrorCode::Usage,
                "the project needs a name; type one and try again",
            ));
        }
        let path = with_waymark_extension(path);
        let project = template.instantiate(name, locale, &waymark::now())?;
        let mut guard = self.lock()?;
        let file = ProjectFile::create(&path, &project)?;
        Ok(self.replace(&mut guard, file))
    }

    /// Makes a project from the CSV journey grid at `grid`, in `locale`'s language, at `path`
    /// (never over an existing file) and opens it.
    pub fn import_grid(
        &self,
        grid: &Path,
        path: &Path,
        locale: &str,
    ) -> Result<OpenedView, IpcError> {
        let path = with_waymark_extension(path);
        let project = waymark::interchange::csv::read(grid, locale)?;
        let mut guard = self.lock()?;
        let file = ProjectFile::create(&path, &project)?;
        Ok(self.replace(&mut guard, file))
    }

    /// Writes a copy of the open project to `path` and continues on it. The copy is opened
    /// before the current file is let go, so a failure leaves the window on the file it had.
    pub fn save_as(&self, path: &Path) -> Result<OpenedView, IpcError> {
        let path = with_waymark_extension(path);
        let mut guard = self.lock()?;
        let file = open_file(&guard)?;
        if same_file(file.path(), &path) {
            return Ok(view_of(file));
        }
        file.save_copy(&path)?;
        let copy = ProjectFile::open(&path)?;
        Ok(self.replace(&mut guard, copy))
    }

    /// "Open a copy" of a file this window may only read: writes a consistent copy to `path`
    /// (never over an existing file) and continues on the copy, which has no one else's mark.
    pub fn open_copy(&self, path: &Path) -> Result<OpenedView, IpcError> {
        let path = with_waymark_extension(path);
        let mut guard = self.lock()?;
        let file = open_file(&guard)?;
        if path.exists() {
            return Err(waymark::Error::AlreadyExists { path }.into());
        }
        file.save_copy(&path)?;
        let copy = ProjectFile::open(&path)?;
        Ok(self.replace(&mut guard, copy))
    }

    /// Takes the open file over from whoever marked it in use, and opens it for editing. The
    /// read-only view stays open until the take-over succeeded.
    pub fn take_over(&self) -> Result<OpenedView, IpcError> {
        let mut guard = self.lock()?;
        let path = open_file(&guard)?.path().to_path_buf();
        let file = ProjectFile::take_over(&path)?;
        Ok(self.replace(&mut guard, file))
    }

    /// Whether the open file was written or replaced from outside since this window last read
    /// or wrote it. Polled by the window, so it also keeps the in-use mark's heartbeat fresh.
    pub fn check_disk(&self) -> Result<bool, IpcError> {
        let mut guard = self.lock()?;
        match &mut *guard {
            Some(Ok(file)) => {
                file.keep_alive();
                Ok(file.changed_on_disk()?)
            }
            _ => Ok(false),
        }
    }

    /// Reads the open file again from disk (after a change from outside). Our own mark must go
    /// first, or the file would reopen read-only as in use by this very window.
    pub fn reload(&self) -> Result<OpenedView, IpcError> {
        let mut guard = self.lock()?;
        let path = open_file(&guard)?.path().to_path_buf();
        if let Some(Ok(old)) = guard.take() {
            if let Err(e) = old.close() {
                eprintln!("waymark-app: {e}");
            }
        }
        match ProjectFile::open(&path) {
            Ok(file) => Ok(self.replace(&mut guard, file)),
            Err(error) => {
                let error = IpcError::from(error);
                *guard = Some(Err(error.clone()));
                Err(error)
            }
        }
    }

    /// "Save my version as a copy": writes the project as this window has it to `path` (never
    /// over an existing file); the open file is not touched. When the file was replaced from
    /// outside, our connection still reads the version we had, so the copy is made through
    /// SQLite and keeps its history (a later merge finds the common ancestor). When the file
    /// was written in place, the copy would hold the outside change too; then it is written
    /// from the window's state, as a project with a history of its own.
    pub fn save_mine(&self, path: &Path) -> Result<PathBuf, IpcError> {
        let path = with_waymark_extension(path);
        let guard = self.lock()?;
        let file = open_file(&guard)?;
        if path.exists() {
            return Err(waymark::Error::AlreadyExists { path }.into());
        }
        file.save_copy(&path)?;
        let same = waymark::store::read(&path).is_ok_and(|copy| &copy == file.project());
        if !same {
            std::fs::remove_file(&path).map_err(|e| waymark::Error::io(&path, e))?;
            ProjectFile::create(&path, file.project())?.close()?;
        }
        self.recent.remember(&path);
        Ok(path)
    }

    /// Applies one change as one transaction; durable when this returns. Refused while the
    /// file holds a change from outside that the user has not seen: writing on would bury it.
    pub fn apply(&self, change: &Change) -> Result<Applied, IpcError> {
        let mut guard = self.lock()?;
        let file = match &mut *guard {
            Some(Ok(file)) => file,
            _ => return Err(nothing_open()),
        };
        apply_unburied(file, change, Origin::Editor)?;
        Ok(Applied {
            modified: file.project().modified.clone(),
            seq: file.last_change(),
        })
    }

    /// Undoes `change`, a change this window made, as far as it is still the window's own
    /// (`waymark::sync::undo::undo_own`): each field it changed goes back only while it still
    /// holds what the change wrote, so an edit someone else made later is kept. For a live
    /// file, where others' edits arrive between the window's own.
    pub fn undo_own(&self, change: &Change) -> Result<Undone, IpcError> {
        let mut guard = self.lock()?;
        let file = match &mut *guard {
            Some(Ok(file)) => file,
            _ => return Err(nothing_open()),
        };
        let undo = waymark::sync::undo::undo_own(change, file.project(), file.replica());
        if !undo.edits.is_empty() {
            apply_unburied(file, &undo, Origin::Editor)?;
        }
        Ok(Undone {
            change: undo,
            modified: file.project().modified.clone(),
            seq: file.last_change(),
        })
    }

    /// The window's file as the workshop room shares it, and the path of the file open now.
    pub(crate) fn shared(&self) -> Result<(FileSlot, PathBuf), IpcError> {
        let guard = self.lock()?;
        let file = open_file(&guard)?;
        if let Some(reason) = file.read_only() {
            return Err(waymark::Error::ReadOnly {
                path: file.path().to_path_buf(),
                reason: reason.to_string(),
            }
            .into());
        }
        Ok((self.file.clone(), file.path().to_path_buf()))
    }

    /// What merging the copy at `theirs` into the open file would do.
    pub fn plan_merge(&self, theirs: &Path) -> Result<crate::merge::MergePlanView, IpcError> {
        let guard = self.lock()?;
        crate::merge::plan(open_file(&guard)?, theirs)
    }

    /// Merges the copy at `theirs` into the open file as one change, with the user's choices.
    pub fn merge(
        &self,
        theirs: &Path,
        choices: &[crate::merge::MergeChoice],
    ) -> Result<crate::merge::MergeResult, IpcError> {
        let mut guard = self.lock()?;
        match &mut *guard {
            Some(Ok(file)) => crate::merge::apply(file, theirs, choices),
            Some(Err(error)) => Err(error.clone()),
            None => Err(nothing_open()),
        }
    }

    pub fn recent_files(&self) -> Vec<RecentFile> {
        self.recent.list()
    }

    /// Reads the open project in place, without copying it.
    pub fn read<T>(
        &self,
        look: impl FnOnce(&Project) -> waymark::Result<T>,
    ) -> Result<T, IpcError> {
        let guard = self.lock()?;
        Ok(look(open_file(&guard)?.project())?)
    }

    /// The `response` ids the open file's survey imports counted (`waymark::measure::responses`).
    pub fn imported_response_ids(&self) -> Result<Vec<u8>, IpcError> {
        let guard = self.lock()?;
        Ok(open_file(&guard)?.imported_response_ids()?)
    }

    /// Applies a previewed survey import as one change.
    pub fn import_survey(&self, plan: &waymark::measure::SurveyPlan) -> Result<Applied, IpcError> {
        let mut guard = self.lock()?;
        let file = match &mut *guard {
            Some(Ok(file)) => file,
            Some(Err(error)) => return Err(error.clone()),
            None => return Err(nothing_open()),
        };
        if file.changed_on_disk()? {
            return Err(waymark::Error::ChangedOnDisk {
                path: file.path().to_path_buf(),
            }
            .into());
        }
        file.apply_import(&plan.change, plan.import, &plan.response_ids)?;
        Ok(Applied {
            modified: file.project().modified.clone(),
            seq: file.last_change(),
        })
    }

    /// A copy of the project and its file name, for work that runs off the command thread.
    pub fn snapshot(&self) -> Result<(Project, String), IpcError> {
        let guard = self.lock()?;
        let file = open_file(&guard)?;
        Ok((file.project().clone(), file_name(file.path())))
    }

    /// Where `path` is when the user typed it for an export: a relative path is taken from the
    /// project's folder.
    pub fn beside(&self, path: &Path) -> Result<PathBuf, IpcError> {
        let guard = self.lock()?;
        let folder = open_file(&guard)?.path().parent().unwrap_or(Path::new(""));
        Ok(from_folder(folder, path))
    }

    pub fn set_exported(&self, path: PathBuf) {
        if let Ok(mut last) = self.exported.lock() {
            *last = Some(path);
        }
    }

    pub fn exported(&self) -> Option<PathBuf> {
        self.exported.lock().ok().and_then(|last| last.clone())
    }

    /// The file this window shows, if one is open.
    pub fn path(&self) -> Option<PathBuf> {
        match self.file.lock().as_deref() {
            Ok(Some(Ok(file))) => Some(file.path().to_path_buf()),
            _ => None,
        }
    }

    /// The window title: the file name, or the app's name when nothing is open.
    pub fn title(&self) -> String {
        match self.file.lock().as_deref() {
            Ok(Some(Ok(file))) => title_for(file.path()),
            _ => "Waymark".to_string(),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Result<ProjectFile, IpcError>>>, IpcError> {
        self.file.lock().map_err(|_| poisoned())
    }

    /// Makes `file` the open one, remembers it and forgets the last export (it was of another file).
    fn replace(
        &self,
        slot: &mut Option<Result<ProjectFile, IpcError>>,
        file: ProjectFile,
    ) -> OpenedView {
        let view = view_of(&file);
        if let Some(Ok(old)) = slot.replace(Ok(file)) {
            if let Err(e) = old.close() {
                eprintln!("waymark-app: {e}");
            }
        }
        self.recent.remember(&view.path);
        if let Ok(mut last) = self.exported.lock() {
            *last = None;
        }
        view
    }
}

/// Applies `change` unless the file holds a change from outside the user has not seen: writing
/// on would bury it. The editor's edits and the room's go through here alike.
pub(crate) fn apply_unburied(
    file: &mut ProjectFile,
    change: &Change,
    origin: Origin,
) -> waymark::Result<()> {
    if file.changed_on_disk()? {
        return Err(waymark::Error::ChangedOnDisk {
            path: file.path().to_path_buf(),
        });
    }
    file.apply_from(change, origin)
}

fn view_of(file: &ProjectFile) -> OpenedView {
    OpenedView {
        path: file.path().to_path_buf(),
        file_name: file_name(file.path()),
        read_only: file.read_only().map(str::to_string),
        in_use: file.in_use().map(|theirs| InUseView {
            user: theirs.user.clone(),
            host: theirs.host.clone(),
            since: theirs.since.clone(),
            stale: theirs.liveness() == Liveness::Old,
        }),
        live: live_session(file),
        export_path: crate::export::default_path(file.path(), &file.project().info.name),
        project: file.project().clone(),
        seq: file.last_change(),
    }
}

/// The session of a live file; none for a file that never went live, or whose link is unreadable
/// (then the window offers what it offers for any file).
fn live_session(file: &ProjectFile) -> Option<LiveSessionView> {
    let link = file.link().ok()??.link;
    let parsed = waymark::sync::Link::parse(&link).ok()?;
    Some(LiveSessionView {
        server: parsed.server.clone(),
        project: parsed.project?.to_string(),
        link,
    })
}

fn open_file(slot: &Option<Result<ProjectFile, IpcError>>) -> Result<&ProjectFile, IpcError> {
    match slot {
        Some(Ok(file)) => Ok(file),
        Some(Err(error)) => Err(error.clone()),
        None => Err(nothing_open()),
    }
}

pub fn title_for(path: &Path) -> String {
    format!("{} — Waymark", file_name(path))
}

fn nothing_open() -> IpcError {
    IpcError::new(
        ErrorCode::NoFile,
        "No project is open: create one with New or open a .waymark file",
    )
}

fn poisoned() -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        "the project state is poisoned; restart Waymark",
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::paths::ConfigFolder;
    use waymark::{Edit, Record};

    /// A window with nothing open, its recent list in a temporary config folder.
    pub(crate) struct Fixture {
        pub dir: tempfile::TempDir,
        pub opened: Opened,
    }

    impl Fixture {
        pub fn new() -> Fixture {
            let dir = tempfile::tempdir().expect("temp dir");
            let config = ConfigFolder::at(Some(dir.path().join("config")));
            let opened = Opened::open(None, RecentFiles::at(config.recent()));
            Fixture { dir, opened }
        }

        /// The window's config folder, where its recent list and the user's templates are.
        pub fn config(&self) -> ConfigFolder {
            ConfigFolder::at(Some(self.path("config")))
        }

        pub fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        /// A blank project "A" at `a.waymark`, open in the fixture's window.
        pub fn new_a(&self) -> OpenedView {
            self.opened
                .new_project(&self.path("a.waymark"), "A", "blank")
                .unwrap()
        }

        fn recent_names(&self) -> Vec<String> {
            self.opened
                .recent_files()
                .into_iter()
                .map(|r| r.file_name)
                .collect()
        }
    }

    fn rename_first_stage(project: &Project, name: &str) -> Change {
        let stage = project.stages[0].clone();
        let mut renamed = stage.clone();
        renamed.name = name.to_string();
        Change::new(vec![Edit::Update {
            before: Record::Stage(stage),
            after: Record::Stage(renamed),
        }])
    }

    #[test]
    fn a_grid_is_imported_in_the_language_given_and_opened() {
        let f = Fixture::new();
        let grid = f.path("Tarifwechsel.csv");
        std::fs::write(
            &grid,
            "stage,Suche\nstep,Vergleicht\n[Schmerzpunkte],Zu viele Tarife\n",
        )
        .unwrap();
        let view = f
            .opened
            .import_grid(&grid, &f.path("Tarif"), "de")
            .expect("imported");
        assert_eq!(view.file_name, "Tarif.waymark");
        assert_eq!(view.project.info.name, "Tarifwechsel");
        assert_eq!(view.project.info.locale, "de");
        assert_eq!(view.project.lanes[0].title, "Schmerzpunkte");
        assert_eq!(view.project.journeys[0].scale.min_label, "Frustriert");
        assert_eq!(f.recent_names(), ["Tarif.waymark"]);

        let error = f
            .opened
            .import_grid(&grid, &f.path("Tarif.waymark"), "de")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AlreadyExists);
        std::fs::write(&grid, "no grid").unwrap();
        let error = f
            .opened
            .import_grid(&grid, &f.path("other"), "de")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::Csv);
        assert!(
            error.message.contains("Tarifwechsel.csv"),
            "{}",
            error.message
        );
        assert!(!f.path("other.waymark").exists());
        // The window stays on the project it had.
        assert_eq!(f.opened.view().unwrap().file_name, "Tarif.waymark");
    }

    #[test]
    fn new_project_from_a_template_opens_it_and_refuses_an_existing_file() {
        let f = Fixture::new();
        let view = f
            .opened
            .new_project(&f.path("Onboarding"), " Onboarding ", "cx-phases")
            .expect("created");
        assert_eq!(view.file_name, "Onboarding.waymark");
        assert_eq!(view.project.info.name, "Onboarding");
        assert_eq!(view.project.stages.len(), 5);
        assert_eq!(f.opened.title(), "Onboarding.waymark — Waymark");
        assert_eq!(f.recent_names(), ["Onboarding.waymark"]);

        let error = f
            .opened
            .new_project(&f.path("Onboarding.waymark"), "Again", "blank")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AlreadyExists);
        assert!(
            error.message.contains("Onboarding.waymark"),
            "{}",
            error.message
        );
        // The window stays on the project it had.
        assert_eq!(f.opened.view().unwrap().project.info.name, "Onboarding");

        let error = f
            .opened
            .new_project(&f.path("x.waymark"), "X", "kanban")
            .unwrap_err();
        assert!(error.message.contains("cx-phases"), "{}", error.message);
        let error = f
            .opened
            .new_project(&f.path("y.waymark"), "  ", "blank")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::Usage);
    }

    #[test]
    fn apply_is_durable_and_a_stale_change_is_refused() {
        let f = Fixture::new();
        let view = f.new_a();
        let change = rename_first_stage(&view.project, "Discover");
        let applied = f.opened.apply(&change).expect("applied");
        assert!(!applied.modified.is_empty());

        // The same change again: its `before` is stale now.
        let error = f.opened.apply(&change).unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
        assert!(error.message.contains("changed since"), "{}", error.message);

        let stored = waymark::store::read(&f.path("a.waymark")).unwrap();
        assert_eq!(stored.stages[0].name, "Discover");
        assert_eq!(stored.modified, applied.modified);
    }

    #[test]
    fn save_as_continues_on_the_copy() {
        let f = Fixture::new();
        let view = f.new_a();
        let copy = f.opened.save_as(&f.path("b")).expect("saved");
        assert_eq!(copy.file_name, "b.waymark");
        assert_eq!(f.opened.title(), "b.waymark — Waymark");
        f.opened
            .apply(&rename_first_stage(&view.project, "Only in b"))
            .unwrap();
        let a = waymark::store::read(&f.path("a.waymark")).unwrap();
        let b = waymark::store::read(&f.path("b.waymark")).unwrap();
        assert_ne!(a.stages[0].name, "Only in b");
        assert_eq!(b.stages[0].name, "Only in b");
        assert_eq!(f.recent_names(), ["b.waymark", "a.waymark"]);
    }

    #[test]
    fn open_file_switches_and_a_bad_file_keeps_the_open_one() {
        let f = Fixture::new();
        f.new_a();
        f.opened
            .new_project(&f.path("b.waymark"), "B", "blank")
            .unwrap();
        let view = f.opened.open_file(&f.path("a.waymark")).unwrap();
        assert_eq!(view.project.info.name, "A");
        assert_eq!(f.opened.title(), "a.waymark — Waymark");
        assert_eq!(f.recent_names(), ["a.waymark", "b.waymark"]);

        std::fs::write(f.path("notes.waymark"), "shopping list").unwrap();
        let error = f.opened.open_file(&f.path("notes.waymark")).unwrap_err();
        assert_eq!(error.code, ErrorCode::NotAProject);
        assert_eq!(f.opened.view().unwrap().project.info.name, "A");
        assert_eq!(f.recent_names(), ["a.waymark", "b.waymark"]);
    }

    #[test]
    fn a_read_only_file_refuses_edits_with_its_reason() {
        let f = Fixture::new();
        let view = f.new_a();
        let path = f.path("a.waymark");
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        // Root may write anyway, but the store goes by the permission bits.
        let opened = Opened::open(Some(&path), RecentFiles::at(None));
        let reopened = opened.current().unwrap().expect("opens");
        assert!(reopened.read_only.is_some());
        let error = opened
            .apply(&rename_first_stage(&view.project, "Nope"))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::ReadOnly);
        assert!(
            error.message.contains("write-protected"),
            "{}",
            error.message
        );
    }

    /// A mark as another person's Waymark on another machine writes it.
    pub(crate) fn mark_as_someone_else(project: &Path, heartbeat: &str) {
        let name = project.file_name().unwrap().to_string_lossy();
        let mark = serde_json::json!({
            "user": "alice", "host": "laptop-7", "pid": 4242,
            "since": "2026-03-01T09:12:00Z", "heartbeat": heartbeat,
            "app_version": "0.1.0", "session": "9d7c1f0e-0000-4000-8000-000000000001",
        });
        std::fs::write(
            project.with_file_name(format!(".~{name}.lock")),
            serde_json::to_vec(&mark).unwrap(),
        )
        .unwrap();
    }

    fn created(f: &Fixture, name: &str) -> (PathBuf, Project) {
        let path = f.path(name);
        let project = waymark::template::builtin("blank")
            .unwrap()
            .instantiate("Shared", "en", &waymark::now())
            .unwrap();
        ProjectFile::create(&path, &project)
            .unwrap()
            .close()
            .unwrap();
        (path.clone(), waymark::store::read(&path).unwrap())
    }

    #[test]
    fn a_file_in_use_elsewhere_opens_read_only_naming_them_and_a_copy_is_editable() {
        let f = Fixture::new();
        let (path, project) = created(&f, "shared.waymark");
        mark_as_someone_else(&path, &waymark::now());
        let before = std::fs::read(&path).unwrap();

        let view = f.opened.open_file(&path).unwrap();
        let in_use = view.in_use.expect("names who has it");
        assert_eq!(
            (in_use.user.as_str(), in_use.host.as_str()),
            ("alice", "laptop-7")
        );
        assert!(!in_use.stale);
        assert!(view.read_only.unwrap().contains("alice"));
        let error = f
            .opened
            .apply(&rename_first_stage(&project, "Mine"))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::ReadOnly);
        assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

        let error = f.opened.open_copy(&path).unwrap_err();
        assert_eq!(error.code, ErrorCode::AlreadyExists);
        let copy = f.opened.open_copy(&f.path("shared (copy)")).unwrap();
        assert_eq!(copy.file_name, "shared (copy).waymark");
        assert_eq!((copy.read_only, copy.in_use), (None, None));
        f.opened
            .apply(&rename_first_stage(&project, "In the copy"))
            .unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the original untouched"
        );
        let stored = waymark::store::read(&f.path("shared (copy).waymark")).unwrap();
        assert_eq!(stored.stages[0].name, "In the copy");
    }

    #[test]
    fn a_live_file_in_use_elsewhere_names_its_session_to_join() {
        let f = Fixture::new();
        let (path, project) = created(&f, "team.waymark");
        let link = format!("ws://127.0.0.1:7878/{}?token=s3cret", project.info.id);
        let mut file = ProjectFile::open(&path).unwrap();
        file.go_live().unwrap();
        file.set_link(&link, &[]).unwrap();
        file.close().unwrap();
        mark_as_someone_else(&path, &waymark::now());

        let view = f.opened.open_file(&path).unwrap();
        assert!(view.read_only.is_some());
        assert_eq!(view.in_use.expect("names who has it").user, "alice");
        let live = view.live.expect("names the live session");
        assert_eq!(live.server, "ws://127.0.0.1:7878");
        assert_eq!(live.project, project.info.id.to_string());
        assert_eq!(live.link, link, "the link to join with, token and all");

        // A file that never went live names no session.
        let (plain, _) = created(&f, "plain.waymark");
        assert_eq!(f.opened.open_file(&plain).unwrap().live, None);
    }

    #[test]
    fn a_stale_mark_is_reported_stale_and_taking_over_makes_the_file_editable() {
        let f = Fixture::new();
        let (path, project) = created(&f, "old.waymark");
        mark_as_someone_else(&path, "2020-01-01T00:00:00Z");
        let view = f.opened.open_file(&path).unwrap();
        assert!(view.in_use.unwrap().stale);

        let view = f.opened.take_over().unwrap();
        assert_eq!((view.read_only, view.in_use), (None, None));
        f.opened
            .apply(&rename_first_stage(&project, "Taken over"))
            .unwrap();
        let mark = std::fs::read_to_string(f.path(".~old.waymark.lock")).unwrap();
        assert!(!mark.contains("laptop-7"), "our mark now: {mark}");
    }

    #[test]
    fn a_change_from_outside_is_noticed_refuses_edits_until_reloaded_and_mine_can_be_kept() {
        let f = Fixture::new();
        let view = f.new_a();
        let path = f.path("a.waymark");
        f.opened
            .apply(&rename_first_stage(&view.project, "Mine"))
            .unwrap();
        let mine = f.opened.view().unwrap().project;
        assert!(!f.opened.check_disk().unwrap());

        // Someone edits a copy elsewhere and it replaces the file (a sync tool, a mailed version).
        let theirs = f.path("theirs.waymark");
        f.opened.view().unwrap();
        {
            let guard = f.opened.lock().unwrap();
            open_file(&guard).unwrap().save_copy(&theirs).unwrap();
        }
        let mut other = ProjectFile::open(&theirs).unwrap();
        other.apply(&rename_first_stage(&mine, "Theirs")).unwrap();
        other.close().unwrap();
        std::fs::rename(&theirs, &path).unwrap();

        assert!(f.opened.check_disk().unwrap());
        let error = f
            .opened
            .apply(&rename_first_stage(&mine, "Over theirs"))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::ChangedOnDisk);
        assert_eq!(
            waymark::store::read(&path).unwrap().stages[0].name,
            "Theirs"
        );

        let kept = f.opened.save_mine(&f.path("a (mine)")).unwrap();
        assert_eq!(kept, f.path("a (mine).waymark"));
        let copy = waymark::store::read(&kept).unwrap();
        assert_eq!(copy, mine);
        // Through SQLite, so it keeps the lineage: a merge with the original finds the ancestor.
        let copy_history = ProjectFile::open_read_only(&kept)
            .unwrap()
            .history()
            .unwrap();
        let file_history = ProjectFile::open_read_only(&path)
            .unwrap()
            .history()
            .unwrap();
        assert_eq!(copy_history[0].change.id, file_history[0].change.id);

        let view = f.opened.reload().unwrap();
        assert_eq!(view.project.stages[0].name, "Theirs");
        assert_eq!(
            view.read_only, None,
            "our own mark does not make it read-only"
        );
        assert!(!f.opened.check_disk().unwrap());
        f.opened
            .apply(&rename_first_stage(&view.project, "After reload"))
            .unwrap();
    }

    #[test]
    fn a_corrupt_recent_list_does_not_stop_anything() {
        let f = Fixture::new();
        std::fs::create_dir_all(f.path("config")).unwrap();
        std::fs::write(f.config().recent().unwrap(), [0xff, 0x00, b'{']).unwrap();
        assert!(f.opened.recent_files().is_empty());
        f.new_a();
        assert_eq!(f.recent_names(), ["a.waymark"]);
    }
}
