//! "Merge another copy…": what merging a copy into the open file would do, as the dialog shows
//! it, and the merge itself with the user's choices. The core plans, resolves and checks; this
//! only turns its types into views and its choices back into its types.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use waymark::merge::{self, Conflict, ConflictKind, Prefer, Side};
use waymark::store::ProjectFile;
use waymark::{Change, Edit};

use crate::error::{ErrorCode, IpcError};

/// What merging `theirs` into the open file does before any choice: what comes over on its
/// own, and what the user has to choose.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergePlanView {
    pub theirs: PathBuf,
    pub theirs_name: String,
    /// Records of theirs that come over without a question.
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
    /// Those records in words, e.g. `card "Calls the hotline" added`.
    pub automatic: Vec<String>,
    pub conflicts: Vec<ConflictView>,
}

/// One conflict, in words.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    /// Names the conflict in `MergeChoice`.
    pub key: String,
    pub kind: MergeConflictKind,
    /// E.g. `card "Finds the shop"`.
    pub record: String,
    /// The whole conflict as one sentence.
    pub description: String,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum MergeConflictKind {
    ChangedOnBoth,
    ReorderedOnBoth,
    DeletedInMine,
    DeletedInTheirs,
}

#[derive(Debug, Serialize, TS)]
pub struct FieldView {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum MergeSide {
    Mine,
    Theirs,
}

/// Which side a conflict takes.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MergeChoice {
    pub key: String,
    pub prefer: MergeSide,
}

/// The merge as applied to the open file: one change, which the window can undo.
#[derive(Debug, Serialize, TS)]
pub struct MergeResult {
    pub change: Change,
    /// Records kept although one side deleted them, because the merge still uses them.
    pub kept: Vec<String>,
}

/// Plans the merge of the open file (mine) with the copy at `theirs`.
pub fn plan(file: &ProjectFile, theirs: &Path) -> Result<MergePlanView, IpcError> {
    let plan = planned(file, theirs)?;
    // What mine takes from theirs when every conflict stays mine: exactly what merges on its own.
    let automatic = plan.resolve_all(Prefer::Mine)?;
    let mut view = MergePlanView {
        theirs: plan.theirs.path.clone(),
        theirs_name: crate::paths::file_name(&plan.theirs.path),
        added: 0,
        changed: 0,
        removed: 0,
        automatic: Vec::new(),
        conflicts: plan.conflicts.iter().map(conflict_view).collect(),
    };
    for edit in &automatic.change.edits {
        let (count, line) = match edit {
            Edit::Add { record } => (&mut view.added, format!("{} added", merge::label(record))),
            Edit::Update { after, .. } => (
                &mut view.changed,
                format!("{} changed", merge::label(after)),
            ),
            Edit::Remove { record } => (
                &mut view.removed,
                format!("{} removed", merge::label(record)),
            ),
        };
        *count += 1;
        view.automatic.push(line);
    }
    Ok(view)
}

/// Merges the copy at `theirs` into the open file with the user's choices, as one recorded
/// change, and checks the result. A conflict without a choice, or one the dialog did not show
/// (the copy changed meanwhile), refuses the merge and nothing is written.
pub fn apply(
    file: &mut ProjectFile,
    theirs: &Path,
    choices: &[MergeChoice],
) -> Result<MergeResult, IpcError> {
    let plan = planned(file, theirs)?;
    let prefer = plan
        .conflicts
        .iter()
        .map(|conflict| {
            let key = conflict.key.describe();
            choices
                .iter()
                .find(|c| c.key == key)
                .map(|c| match c.prefer {
                    MergeSide::Mine => Prefer::Mine,
                    MergeSide::Theirs => Prefer::Theirs,
                })
                .ok_or_else(|| {
                    IpcError::new(
                        ErrorCode::MergeChanged,
                        format!(
                            "{} was changed since the merge was shown; nothing was merged — look at the merge again",
                            crate::paths::file_name(theirs)
                        ),
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let merged = plan.resolve(&prefer)?;
    merged.apply_to(file)?;
    file.project().validate()?;
    Ok(MergeResult {
        change: merged.change,
        kept: merged.kept,
    })
}

fn planned(file: &ProjectFile, theirs: &Path) -> Result<merge::MergePlan, IpcError> {
    if theirs.as_os_str().is_empty() {
        return Err(IpcError::new(
            ErrorCode::Usage,
            "type or choose the copy to merge into this file",
        ));
    }
    if crate::paths::same_file(file.path(), theirs) {
        return Err(IpcError::new(
            ErrorCode::Usage,
            "that is the file this window has open; choose the other copy",
        ));
    }
    if file.changed_on_disk()? {
        return Err(waymark::Error::ChangedOnDisk {
            path: file.path().to_path_buf(),
        }
        .into());
    }
    Ok(merge::plan(Side::of(file)?, Side::read(theirs)?)?)
}

fn conflict_view(conflict: &Conflict) -> ConflictView {
    ConflictView {
        key: conflict.key.describe(),
        kind: match conflict.kind {
            ConflictKind::ChangedOnBoth => MergeConflictKind::ChangedOnBoth,
            ConflictKind::ReorderedOnBoth => MergeConflictKind::ReorderedOnBoth,
            ConflictKind::DeletedInMine => MergeConflictKind::DeletedInMine,
            ConflictKind::DeletedInTheirs => MergeConflictKind::DeletedInTheirs,
        },
        record: conflict.record(),
        description: conflict.describe(),
        fields: conflict
            .values()
            .into_iter()
            .map(|v| FieldView {
                field: v.field,
                mine: v.mine,
                theirs: v.theirs,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark::{Project, Record};

    fn retext(project: &Project, index: usize, text: &str) -> Change {
        let card = project.cards[index].clone();
        let mut after = card.clone();
        after.text = text.into();
        Change::new(vec![Edit::Update {
            before: Record::Card(card),
            after: Record::Card(after),
        }])
    }

    /// Mine and a byte copy of it, theirs; each then edited on its own.
    fn copies(dir: &Path) -> (PathBuf, PathBuf) {
        let mine = dir.join("mine.waymark");
        let theirs = dir.join("theirs.waymark");
        let size = waymark::sample::Size {
            stages: 2,
            steps_per_stage: 1,
            lanes: 2,
            cards: 4,
            personas: 1,
        };
        ProjectFile::create(&mine, &waymark::sample::generate(size))
            .unwrap()
            .close()
            .unwrap();
        std::fs::copy(&mine, &theirs).unwrap();
        (mine, theirs)
    }

    #[test]
    fn the_plan_counts_what_comes_over_and_names_each_conflict_and_the_choice_is_applied() {
        let dir = tempfile::tempdir().unwrap();
        let (mine, theirs) = copies(dir.path());
        let mut other = ProjectFile::open(&theirs).unwrap();
        let base = other.project().clone();
        other.apply(&retext(&base, 0, "Theirs on both")).unwrap();
        other.apply(&retext(&base, 1, "Only theirs")).unwrap();
        other.close().unwrap();
        let mut file = ProjectFile::open(&mine).unwrap();
        file.apply(&retext(&base, 0, "Mine on both")).unwrap();

        let view = plan(&file, &theirs).unwrap();
        assert_eq!(view.theirs_name, "theirs.waymark");
        assert_eq!((view.added, view.changed, view.removed), (0, 1, 0));
        assert_eq!(view.automatic, ["card \"Only theirs\" changed"]);
        assert_eq!(view.conflicts.len(), 1);
        let conflict = &view.conflicts[0];
        assert_eq!(conflict.kind, MergeConflictKind::ChangedOnBoth);
        assert_eq!(conflict.record, "card \"Mine on both\"");
        assert_eq!(
            (
                conflict.fields[0].mine.as_str(),
                conflict.fields[0].theirs.as_str()
            ),
            ("\"Mine on both\"", "\"Theirs on both\"")
        );

        let missing = apply(&mut file, &theirs, &[]).unwrap_err();
        assert_eq!(missing.code, ErrorCode::MergeChanged);
        let choice = MergeChoice {
            key: conflict.key.clone(),
            prefer: MergeSide::Theirs,
        };
        let merged = apply(&mut file, &theirs, &[choice]).unwrap();
        assert_eq!(merged.change.edits.len(), 2);
        let texts: Vec<&str> = file.project().cards[..2]
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(texts, ["Theirs on both", "Only theirs"]);
        file.close().unwrap();
        waymark::store::validate(&mine).unwrap();
        let json = serde_json::to_value(&view).unwrap();
        assert!(json["conflicts"][0]["kind"] == "changed-on-both", "{json}");
    }

    #[test]
    fn a_copy_of_another_project_or_the_open_file_itself_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mine, _) = copies(dir.path());
        let stranger = dir.path().join("stranger.waymark");
        let other = waymark::catalogue::new_project("Another project", "en", &waymark::now());
        ProjectFile::create(&stranger, &other)
            .unwrap()
            .close()
            .unwrap();
        let file = ProjectFile::open(&mine).unwrap();
        let error = plan(&file, &stranger).unwrap_err();
        assert_eq!(error.code, ErrorCode::DifferentProjects);
        assert!(error.message.contains("copies of different projects"));
        assert_eq!(plan(&file, &mine).unwrap_err().code, ErrorCode::Usage);
        assert_eq!(
            plan(&file, Path::new("")).unwrap_err().code,
            ErrorCode::Usage
        );
    }
}
