//! The workshop room as the desktop shell drives it: the `Room` API over an open project file,
//! its events, the facilitator's moderation as undoable changes, and the rules the room's records
//! keep in the file. Every room here binds 127.0.0.1.

mod common;
mod phone;

use std::sync::{Arc, Mutex};

use phone::*;
use uuid::Uuid;
use waymark::room::protocol::RoomMessage;
use waymark::room::{Room, RoomEvent, RoomFile, RoomOptions};
use waymark::store::ProjectFile;
use waymark::*;

fn project() -> Project {
    sample::generate(sample::Size {
        stages: 3,
        steps_per_stage: 1,
        lanes: 10,
        cards: 30,
        personas: 1,
    })
}

async fn next_event(
    events: &mut tokio::sync::broadcast::Receiver<RoomEvent>,
    kind: &str,
) -> RoomEvent {
    let wanted = |event: &RoomEvent| {
        serde_json::to_value(event).unwrap()["type"] == serde_json::Value::from(kind)
    };
    loop {
        let event = tokio::time::timeout(std::time::Duration::from_secs(10), events.recv())
            .await
            .expect("an event within 10 s")
            .expect("the room is open");
        if wanted(&event) {
            return event;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_drives_the_room_and_approvals_are_undoable_changes_from_the_room() {
    let dir = common::temp();
    let path = common::file_in(&dir, "room.waymark");
    let file = Arc::new(Mutex::new(ProjectFile::create(&path, &project()).unwrap()));
    let shared: Arc<dyn RoomFile> = file.clone();
    let room = Room::open(shared, "127.0.0.1".parse().unwrap(), RoomOptions::default())
        .await
        .unwrap();
    assert!(room
        .link()
        .starts_with(&format!("http://{}/#", room.address())));
    assert_eq!(room.address().ip().to_string(), "127.0.0.1");
    assert_eq!(room.code().len(), 7);
    let svg = room.qr_svg().unwrap();
    assert!(svg.contains("<svg") && svg.contains("</svg>"), "{svg}");
    let mut events = room.subscribe();

    let address = room.address();
    let token = token_of(room.link()).to_string();
    let ana = join(address, loopback(2), &token, "Ana").await;
    let RoomEvent::Joined { name, joined, .. } = next_event(&mut events, "joined").await else {
        unreachable!()
    };
    assert_eq!((name.as_str(), joined), ("Ana", 1));
    let (mut socket, welcome) = hello(address, loopback(2), &ana.secret).await;
    let RoomMessage::Welcome { board, .. } = welcome else {
        panic!("{welcome:?}")
    };
    let ids: Vec<Uuid> = (0..4).map(|_| Uuid::new_v4()).collect();
    for (n, id) in ids.iter().enumerate() {
        say(
            &mut socket,
            card(
                *id,
                board.lanes[0].id,
                board.steps[0].id,
                &format!("Idea {n}"),
            ),
        )
        .await;
        assert_eq!(
            hear(&mut socket).await,
            Some(RoomMessage::Accepted { id: *id })
        );
    }
    let RoomEvent::Submitted { submission } = next_event(&mut events, "submitted").await else {
        unreachable!()
    };
    assert_eq!(submission.author, Some(ana.participant));
    assert_eq!(room.status().await.unwrap().waiting, 4);
    // Each change the room wrote reached the window with its place in the file: the last one
    // heard is the file's last change (the window orders them against its own edits by it).
    let mut last_heard = None;
    while let Ok(event) = events.try_recv() {
        if let RoomEvent::Changed { seq, .. } = event {
            assert!(last_heard < Some(seq), "{last_heard:?} then {seq}");
            last_heard = Some(seq);
        }
    }
    assert_eq!(last_heard, Some(file.lock().unwrap().last_change()));

    // Approve one: a card on the map, recorded as coming from the room.
    let approval = room.approve(&ids[..1]).await.unwrap();
    assert_eq!(approval.seq, file.lock().unwrap().last_change());
    let RoomEvent::Changed { change, seq } = next_event(&mut events, "changed").await else {
        unreachable!()
    };
    assert_eq!((change, seq), (approval.change.clone(), approval.seq));
    let approval = approval.change;
    let card_id = {
        let file = file.lock().unwrap();
        let project = file.project();
        let submission = project.submissions.iter().find(|s| s.id == ids[0]).unwrap();
        assert_eq!(submission.state, SubmissionState::Approved);
        let card = project
            .cards
            .iter()
            .find(|c| Some(c.id) == submission.card)
            .unwrap();
        assert_eq!(card.text, "Idea 0");
        assert_eq!(file.history().unwrap().last().unwrap().origin, Origin::Room);
        card.id
    };
    // The window undoes it like any change: the card goes, the submission waits again.
    file.lock().unwrap().apply(&approval.inverse()).unwrap();
    {
        let file = file.lock().unwrap();
        assert!(file.project().cards.iter().all(|c| c.id != card_id));
        let submission = file
            .project()
            .submissions
            .iter()
            .find(|s| s.id == ids[0])
            .unwrap();
        assert_eq!(submission.state, SubmissionState::Waiting);
    }
    // Edited before approving.
    room.approve_edited(ids[0], "  Idea zero, reworded ")
        .await
        .unwrap();
    // Two duplicates become one card.
    let merged = room
        .merge(&ids[1..3], Some("Ideas one and two"))
        .await
        .unwrap();
    let hidden = room.hide(&ids[3..]).await.unwrap();
    assert_eq!(hidden.change.edits.len(), 1);
    assert_eq!(hidden.seq, file.lock().unwrap().last_change());
    {
        let file = file.lock().unwrap();
        let project = file.project();
        let texts: Vec<&str> = project
            .submissions
            .iter()
            .filter_map(|s| s.card)
            .filter_map(|id| project.cards.iter().find(|c| c.id == id))
            .map(|c| c.text.as_str())
            .collect();
        assert!(texts.contains(&"Idea zero, reworded"), "{texts:?}");
        assert_eq!(
            texts.iter().filter(|t| **t == "Ideas one and two").count(),
            2
        );
        assert_eq!(merged.change.edits.len(), 3, "one card and two submissions");
        let states: Vec<_> = project.submissions.iter().map(|s| s.state).collect();
        assert_eq!(
            states
                .iter()
                .filter(|s| **s == SubmissionState::Hidden)
                .count(),
            1
        );
    }
    // What is on the map cannot be approved twice, and an unknown id is named.
    let twice = room.approve(&ids[..1]).await.unwrap_err().to_string();
    assert!(twice.contains("already on the map"), "{twice}");
    let unknown = room
        .approve(&[Uuid::new_v4()])
        .await
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("no submission"), "{unknown}");

    room.kick(ana.participant).await.unwrap();
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Kicked));
    assert_eq!(room.status().await.unwrap().joined, 0);

    let forgotten = room.close(true).await.unwrap().expect("names to forget");
    assert!(!forgotten.change.edits.is_empty());
    let file = file.lock().unwrap();
    assert_eq!(forgotten.seq, file.last_change());
    assert!(file
        .project()
        .submissions
        .iter()
        .all(|s| s.author.is_none()));
    assert!(file
        .project()
        .participants
        .iter()
        .all(|p| p.name.starts_with("Participant ")));
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "the port is closed"
    );
}

#[test]
fn the_interface_list_offers_loopback_last() {
    let interfaces = waymark::room::interfaces().unwrap();
    let loopback = interfaces
        .iter()
        .position(|i| i.address.to_string() == "127.0.0.1")
        .expect("loopback is offered");
    assert!(interfaces[loopback].loopback);
    assert!(interfaces[loopback..].iter().all(|i| i.loopback));
    assert!(interfaces.iter().all(|i| !i.address.is_unspecified()));
}

/// A project with one waiting submission and one rating, valid.
fn with_room_records() -> (Project, Submission, Rating) {
    let mut project = project();
    let journey = project.journeys[0].id;
    let lane = project.lanes_of(journey)[1].id;
    let step = project.journey_steps(journey)[0].id;
    let submission = Submission {
        id: Uuid::new_v4(),
        lane,
        step,
        text: "From a phone".into(),
        author: None,
        state: SubmissionState::Waiting,
        card: None,
        order: OrderKey::first(),
    };
    let rating = Rating {
        id: Uuid::new_v4(),
        step,
        participant: None,
        value: 2,
    };
    project.submissions.push(submission.clone());
    project.ratings.push(rating.clone());
    project.validate().unwrap();
    (project, submission, rating)
}

fn refused(project: &Project, problem: &str) {
    let error = project.validate().unwrap_err().to_string();
    assert!(error.contains(problem), "{error}");
}

#[test]
fn room_records_keep_their_rules() {
    let (project, submission, rating) = with_room_records();

    let mut wrong = project.clone();
    wrong.submissions[0].state = SubmissionState::Approved;
    refused(&wrong, "names its card");

    let mut wrong = project.clone();
    wrong.submissions[0].text = "x".repeat(501);
    refused(&wrong, "over the 500");

    let mut wrong = project.clone();
    wrong.submissions[0].author = Some(Uuid::new_v4());
    refused(&wrong, "participant who does not exist");

    let mut wrong = project.clone();
    wrong.ratings[0].value = 6;
    refused(&wrong, "outside the journey's scale");

    let mut wrong = project.clone();
    let participant = Participant {
        id: Uuid::new_v4(),
        name: "Ana".into(),
        colour: "#1971c2".into(),
        dots: 3,
        order: OrderKey::first(),
    };
    wrong.participants.push(participant.clone());
    for _ in 0..2 {
        wrong.ratings.push(Rating {
            id: Uuid::new_v4(),
            participant: Some(participant.id),
            ..rating.clone()
        });
    }
    refused(&wrong, "already rated this step");

    // A step cannot go while the room's records sit on it: a delete must take them along.
    let mut wrong = project.clone();
    wrong.cards.retain(|c| c.step != submission.step);
    wrong.emotion_points.retain(|p| p.step != submission.step);
    wrong.moments_of_truth.clear();
    wrong.steps.retain(|s| s.id != submission.step);
    assert!(wrong.validate().is_err());

    // An approved submission may outlive its card.
    let mut kept = project.clone();
    kept.submissions[0].state = SubmissionState::Approved;
    kept.submissions[0].card = Some(Uuid::new_v4());
    kept.validate().unwrap();
}

#[test]
fn room_records_survive_the_file_the_json_twin_and_a_merge_label() {
    let (project, submission, _) = with_room_records();
    let dir = common::temp();
    let path = common::file_in(&dir, "records.waymark");
    ProjectFile::create(&path, &project)
        .unwrap()
        .close()
        .unwrap();
    let read = store::read(&path).unwrap();
    assert_eq!(read.submissions, vec![submission.clone()]);
    assert_eq!(read.ratings, project.ratings);
    let json = interchange::json::to_string(&read);
    let back = interchange::json::from_str(&json, &path).unwrap();
    assert_eq!(back.submissions, read.submissions);
    assert_eq!(
        merge::label(&Record::Submission(submission)),
        "submitted card \"From a phone\""
    );
}

#[test]
fn a_schema_3_file_keeps_the_origin_its_build_recorded() {
    let dir = common::temp();
    let path = common::file_in(&dir, "v3.waymark");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v3.waymark"),
        &path,
    )
    .unwrap();
    let file = ProjectFile::open(&path).unwrap();
    let history = file.history().unwrap();
    let mut start = file.project().clone();
    for entry in history[1..].iter().rev() {
        start.apply(&entry.change.inverse()).unwrap();
    }
    // Copies of one file migrated by a schema-3 build and by this one still share their origin.
    assert_eq!(store::origin_id(&start), history[0].change.id);
}

#[test]
fn the_schema_6_fixture_holds_room_records_and_a_change_from_the_room() {
    let dir = common::temp();
    let path = common::file_in(&dir, "v6.waymark");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v6.waymark"),
        &path,
    )
    .unwrap();
    let file = ProjectFile::open(&path).unwrap();
    let project = file.project();
    assert_eq!(project.submissions.len(), 2);
    assert!(project.submissions.iter().any(|s| s.author.is_none()));
    assert_eq!(project.ratings.len(), 2);
    assert!(file
        .history()
        .unwrap()
        .iter()
        .any(|entry| entry.origin == Origin::Room));
    let spreads = ratings::spreads(project, project.journeys[0].id);
    assert_eq!(spreads.len(), 1);
    assert_eq!(
        (spreads[0].lowest, spreads[0].highest, spreads[0].median),
        (-2, 3, 0.5)
    );
}
