//! The words the export prints itself (labels, headings, legends), in the project's language.
//! The user's own text is printed as typed; only these frame words change. The terms are the
//! ones the app's UI uses (ui/src/locales), so screen and paper agree; a test compares them.
//! Every character must be in the shipped Noto Sans: the en dash stands in for the minus sign.

use crate::model::LaneKind;

pub struct Words {
    pub line_of_visibility: &'static str,
    /// In `LaneKind::ALL` order.
    kinds: [&'static str; 11],
    pub current_state: &'static str,
    pub future_state: &'static str,
    pub persona: &'static str,
    pub personas: &'static str,
    pub stages: &'static str,
    pub steps: &'static str,
    pub emotion: &'static str,
    pub severity: &'static str,
    pub impact: &'static str,
    pub effort: &'static str,
    /// One, few, many: "1 vote", "2 votes", "5 votes" (Polish tells few from many).
    votes: [&'static str; 3],
    touchpoints: [&'static str; 3],
    /// The workshop room's band in the emotion legend: "Room: 12 ratings", one, few, many.
    room_ratings: [&'static str; 3],
    pub expected_vs_experienced: &'static str,
    pub worse_than_expected: &'static str,
    pub better_than_expected: &'static str,
    pub expected: &'static str,
    pub experienced: &'static str,
    pub legend: &'static str,
    pub above_zero: &'static str,
    pub below_zero: &'static str,
    pub experienced_better: &'static str,
    pub experienced_worse: &'static str,
    pub moments_of_truth: &'static str,
    pub goals: &'static str,
    pub frustrations: &'static str,
    pub needs: &'static str,
    pub rational_mindset: &'static str,
    pub emotional_mindset: &'static str,
    pub channels: &'static str,
    pub none_recorded: &'static str,
    pub fix_first: &'static str,
    /// The ranking rule of `crate::priority`, in words.
    pub rule: &'static str,
    pub doubled_at_moment: &'static str,
    pub unrated: &'static str,
    /// #, opportunity, where, impact, effort, votes, moment of truth, score.
    pub table_head: [&'static str; 8],
    pub no_opportunities: &'static str,
    pub answers: &'static str,
    /// Opening and closing quotation marks around a persona's quote.
    pub quotes: [&'static str; 2],
    /// A poster sheet's place: `{row}`, `{column}`, `{rows}`, `{columns}`, `{scale}`.
    tile: &'static str,
    /// The "Touchpoint KPIs" page.
    pub kpis: KpiWords,
}

/// The words of the "Touchpoint KPIs" page, as the app's KPI view shows them.
pub struct KpiWords {
    pub title: &'static str,
    /// Fix first, keep up, possible overkill, low priority.
    pub quadrants: [&'static str; 4],
    pub axis_importance: &'static str,
    pub axis_performance: &'static str,
    pub par: &'static str,
    /// Touchpoint, key, n, expectation, satisfaction, gap, CSAT %, effort, NPS, importance.
    pub head: [&'static str; 10],
    pub few: &'static str,
    /// The decimal separator of the language.
    pub decimal: char,
}

const EN: Words = Words {
    line_of_visibility: "Line of visibility",
    kinds: [
        "Actions",
        "Thoughts",
        "Feelings",
        "Touchpoints",
        "Pain points",
        "Delights",
        "Opportunities",
        "Backstage",
        "KPIs",
        "Images",
        "Notes",
    ],
    current_state: "current state",
    future_state: "future state",
    persona: "Persona:",
    personas: "Personas:",
    stages: "Stages",
    steps: "Steps",
    emotion: "Emotion",
    severity: "Severity",
    impact: "Impact",
    effort: "Effort",
    votes: ["vote", "votes", "votes"],
    room_ratings: ["Room: {n} rating", "Room: {n} ratings", "Room: {n} ratings"],
    touchpoints: ["touchpoint", "touchpoints", "touchpoints"],
    expected_vs_experienced: "Expected vs experienced",
    worse_than_expected: "worse than expected",
    better_than_expected: "better than expected",
    expected: "expected",
    experienced: "experienced",
    legend: "Legend",
    above_zero: "above zero",
    below_zero: "below zero",
    experienced_better: "experienced better than expected",
    experienced_worse: "experienced worse than expected",
    moments_of_truth: "Moments of truth",
    goals: "Goals",
    frustrations: "Frustrations",
    needs: "Needs",
    rational_mindset: "Rational mindset",
    emotional_mindset: "Emotional mindset",
    channels: "Channels used",
    none_recorded: "none recorded",
    fix_first: "Fix first",
    rule: crate::priority::RULE,
    doubled_at_moment: "answers a pain point at a moment of truth: its score is doubled",
    unrated: "3? not rated, counted as 3",
    table_head: [
        "#",
        "Opportunity",
        "Where",
        "Impact",
        "Effort",
        "Votes",
        "MoT",
        "Score",
    ],
    no_opportunities: "This journey has no opportunity cards yet.",
    answers: "Answers:",
    quotes: ["“", "”"],
    tile: "Row {row} · column {column}  (of {rows} × {columns} sheets, {scale}% scale)",
    kpis: KpiWords {
        title: "Touchpoint KPIs",
        quadrants: ["Fix first", "Keep up", "Possible overkill", "Low priority"],
        axis_importance: "Importance: correlation with overall satisfaction",
        axis_performance: "Satisfaction (mean, 1–5)",
        par: "Lines: the journey's averages",
        head: [
            "Touchpoint",
            "Key",
            "n",
            "Expectation",
            "Satisfaction",
            "Gap",
            "CSAT %",
            "Effort",
            "NPS",
            "Importance",
        ],
        few: "* fewer than 30 answers",
        decimal: '.',
    },
};

const DE: Words = Words {
    line_of_visibility: "Sichtbarkeitslinie",
    kinds: [
        "Aktionen",
        "Gedanken",
        "Gefühle",
        "Touchpoints",
        "Schmerzpunkte",
        "Begeisterung",
        "Chancen",
        "Backstage",
        "KPIs",
        "Bilder",
        "Notizen",
    ],
    current_state: "Ist-Zustand",
    future_state: "Soll-Zustand",
    persona: "Persona:",
    personas: "Personas:",
    stages: "Phasen",
    steps: "Schritte",
    emotion: "Emotion",
    severity: "Schwere",
    impact: "Wirkung",
    effort: "Aufwand",
    votes: ["Stimme", "Stimmen", "Stimmen"],
    room_ratings: [
        "Raum: {n} Bewertung",
        "Raum: {n} Bewertungen",
        "Raum: {n} Bewertungen",
    ],
    touchpoints: ["Touchpoint", "Touchpoints", "Touchpoints"],
    expected_vs_experienced: "Erwartet und erlebt",
    worse_than_expected: "schlechter als erwartet",
    better_than_expected: "besser als erwartet",
    expected: "erwartet",
    experienced: "erlebt",
    legend: "Legende",
    above_zero: "über null",
    below_zero: "unter null",
    experienced_better: "besser erlebt als erwartet",
    experienced_worse: "schlechter erlebt als erwartet",
    moments_of_truth: "Momente der Wahrheit",
    goals: "Ziele",
    frustrations: "Frustrationen",
    needs: "Bedürfnisse",
    rational_mindset: "Rationale Haltung",
    emotional_mindset: "Emotionale Haltung",
    channels: "Genutzte Kanäle",
    none_recorded: "keine Angaben",
    fix_first: "Zuerst angehen",
    rule: "Punktzahl = Wirkung × (6 – Aufwand) + Stimmen, verdoppelt, wenn die Chance einen \
Schmerzpunkt an einem Moment der Wahrheit löst. Fehlende Wirkung oder fehlender Aufwand zählt \
als 3. Bei Gleichstand: mehr Stimmen zuerst, dann die Reihenfolge auf der Map.",
    doubled_at_moment:
        "löst einen Schmerzpunkt an einem Moment der Wahrheit: die Punktzahl zählt doppelt",
    unrated: "3? nicht bewertet, zählt als 3",
    table_head: [
        "#",
        "Chance",
        "Wo",
        "Wirkung",
        "Aufwand",
        "Stimmen",
        "MdW",
        "Punktzahl",
    ],
    no_opportunities: "Diese Journey hat noch keine Chancen-Karten.",
    answers: "Löst:",
    quotes: ["„", "“"],
    tile: "Zeile {row} · Spalte {column}  (von {rows} × {columns} Blättern, Maßstab {scale} %)",
    kpis: KpiWords {
        title: "Kontaktpunkt-KPIs",
        quadrants: [
            "Zuerst beheben",
            "Halten",
            "Möglicher Overkill",
            "Geringe Priorität",
        ],
        axis_importance: "Wichtigkeit: Korrelation mit der Gesamtzufriedenheit",
        axis_performance: "Zufriedenheit (Mittelwert, 1–5)",
        par: "Linien: Mittelwerte der Journey",
        head: [
            "Kontaktpunkt",
            "Schlüssel",
            "n",
            "Erwartung",
            "Zufriedenheit",
            "Lücke",
            "CSAT %",
            "Aufwand",
            "NPS",
            "Wichtigkeit",
        ],
        few: "* weniger als 30 Antworten",
        decimal: ',',
    },
};

const PL: Words = Words {
    line_of_visibility: "Linia widoczności",
    kinds: [
        "Działania",
        "Myśli",
        "Uczucia",
        "Punkty styku",
        "Problemy",
        "Zachwyty",
        "Szanse",
        "Zaplecze",
        "KPI",
        "Obrazy",
        "Notatki",
    ],
    current_state: "stan obecny",
    future_state: "stan przyszły",
    persona: "Persona:",
    personas: "Persony:",
    stages: "Etapy",
    steps: "Kroki",
    emotion: "Emocje",
    severity: "Waga",
    impact: "Wpływ",
    effort: "Nakład",
    votes: ["głos", "głosy", "głosów"],
    room_ratings: ["Pokój: {n} ocena", "Pokój: {n} oceny", "Pokój: {n} ocen"],
    touchpoints: ["punkt styku", "punkty styku", "punktów styku"],
    expected_vs_experienced: "Oczekiwane a doświadczone",
    worse_than_expected: "gorzej niż oczekiwano",
    better_than_expected: "lepiej niż oczekiwano",
    expected: "oczekiwano",
    experienced: "doświadczono",
    legend: "Legenda",
    above_zero: "powyżej zera",
    below_zero: "poniżej zera",
    experienced_better: "doświadczone lepiej niż oczekiwano",
    experienced_worse: "doświadczone gorzej niż oczekiwano",
    moments_of_truth: "Momenty prawdy",
    goals: "Cele",
    frustrations: "Frustracje",
    needs: "Potrzeby",
    rational_mindset: "Nastawienie racjonalne",
    emotional_mindset: "Nastawienie emocjonalne",
    channels: "Używane kanały",
    none_recorded: "brak wpisów",
    fix_first: "Naprawić najpierw",
    rule: "Wynik = wpływ × (6 – nakład) + głosy, podwojony, gdy szansa odpowiada na problem w \
momencie prawdy. Brak wpływu lub nakładu liczy się jako 3. Przy remisie: najpierw więcej głosów, \
potem kolejność na mapie.",
    doubled_at_moment: "odpowiada na problem w momencie prawdy: wynik jest podwojony",
    unrated: "3? bez oceny, liczone jako 3",
    table_head: [
        "#", "Szansa", "Gdzie", "Wpływ", "Nakład", "Głosy", "MP", "Wynik",
    ],
    no_opportunities: "Ta ścieżka nie ma jeszcze kart szans.",
    answers: "Odpowiada na:",
    quotes: ["„", "”"],
    tile: "Wiersz {row} · kolumna {column}  (z {rows} × {columns} arkuszy, skala {scale}%)",
    kpis: KpiWords {
        title: "Wskaźniki punktów styku",
        quadrants: [
            "Napraw najpierw",
            "Utrzymaj",
            "Możliwy nadmiar",
            "Niski priorytet",
        ],
        axis_importance: "Ważność: korelacja z ogólnym zadowoleniem",
        axis_performance: "Zadowolenie (średnia, 1–5)",
        par: "Linie: średnie ścieżki",
        head: [
            "Punkt styku",
            "Klucz",
            "n",
            "Oczekiwanie",
            "Zadowolenie",
            "Luka",
            "CSAT %",
            "Wysiłek",
            "NPS",
            "Ważność",
        ],
        few: "* mniej niż 30 odpowiedzi",
        decimal: ',',
    },
};

/// The words for a project's locale (`de-DE`, `pl`, …); English for any language without its own.
pub fn words(locale: &str) -> &'static Words {
    match crate::language::language_of(locale).as_str() {
        "de" => &DE,
        "pl" => &PL,
        _ => &EN,
    }
}

/// Which of the one/few/many forms a count takes. Only Polish has "few" (2–4, but not 12–14);
/// English and German use one form for 1 and another for every other count.
fn form(words: &Words, n: u64) -> usize {
    let polish = std::ptr::eq(words, &PL);
    if n == 1 {
        0
    } else if polish && (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        1
    } else {
        2
    }
}

impl Words {
    pub fn kind(&self, kind: LaneKind) -> &'static str {
        let at = LaneKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.kinds[at]
    }

    /// "2 votes", "2 Stimmen", "2 głosy".
    pub fn votes(&self, n: u32) -> String {
        format!("{n} {}", self.votes[form(self, n.into())])
    }

    /// "Room: 12 ratings", as the app's emotion legend says (map.room_band_*).
    pub fn room_ratings(&self, n: u32) -> String {
        self.room_ratings[form(self, n.into())].replace("{n}", &n.to_string())
    }

    /// "3 touchpoints", "5 punktów styku".
    pub fn touchpoints(&self, n: usize) -> String {
        format!("{n} {}", self.touchpoints[form(self, n as u64)])
    }

    pub fn fix_first_title(&self, journey: &str) -> String {
        format!("{} — {journey}", self.fix_first)
    }

    pub fn tile(
        &self,
        row: usize,
        column: usize,
        rows: usize,
        columns: usize,
        scale: f32,
    ) -> String {
        self.tile
            .replace("{rows}", &rows.to_string())
            .replace("{columns}", &columns.to_string())
            .replace("{row}", &row.to_string())
            .replace("{column}", &column.to_string())
            .replace("{scale}", &scale.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::text::{fonts, Face};
    use serde_json::Value;
    use std::collections::HashMap;
    use std::path::Path;

    fn all(w: &Words) -> Vec<&'static str> {
        let mut v = vec![
            w.line_of_visibility,
            w.current_state,
            w.future_state,
            w.persona,
            w.personas,
            w.stages,
            w.steps,
            w.emotion,
            w.severity,
            w.impact,
            w.effort,
            w.expected_vs_experienced,
            w.worse_than_expected,
            w.better_than_expected,
            w.expected,
            w.experienced,
            w.legend,
            w.above_zero,
            w.below_zero,
            w.experienced_better,
            w.experienced_worse,
            w.moments_of_truth,
            w.goals,
            w.frustrations,
            w.needs,
            w.rational_mindset,
            w.emotional_mindset,
            w.channels,
            w.none_recorded,
            w.fix_first,
            w.rule,
            w.doubled_at_moment,
            w.unrated,
            w.no_opportunities,
            w.answers,
            w.tile,
        ];
        v.extend(w.kinds);
        v.extend(w.votes);
        v.extend(w.room_ratings);
        v.extend(w.touchpoints);
        v.extend(w.table_head);
        v.extend(w.quotes);
        v.extend([
            w.kpis.title,
            w.kpis.axis_importance,
            w.kpis.axis_performance,
            w.kpis.par,
            w.kpis.few,
        ]);
        v.extend(w.kpis.quadrants);
        v.extend(w.kpis.head);
        v
    }

    #[test]
    fn every_language_has_every_word_in_the_shipped_font() {
        for language in crate::language::LANGUAGES {
            let w = words(language);
            for word in all(w) {
                assert!(!word.trim().is_empty(), "{language}: an empty word");
                for face in Face::ALL {
                    let font = fonts().face(face).expect("the shipped font parses");
                    for c in word.chars() {
                        assert!(
                            font.glyph_index(c).is_some(),
                            "{language}: {c:?} in {word:?} is not in the shipped font"
                        );
                    }
                }
            }
            assert!(w.tile.contains("{rows}") && w.tile.contains("{scale}"));
        }
        assert!(std::ptr::eq(words("de-DE"), words("de")));
        assert!(std::ptr::eq(words("fr-FR"), words("en")));
    }

    /// The app's strings for a language, as `file.key` (nested keys joined with dots), read from
    /// the UI's locale files.
    fn ui_strings(language: &str) -> HashMap<String, String> {
        fn collect(prefix: &str, value: &Value, out: &mut HashMap<String, String>) {
            match value {
                Value::String(text) => {
                    out.insert(prefix.to_string(), text.clone());
                }
                Value::Object(map) => {
                    for (key, value) in map {
                        collect(&format!("{prefix}.{key}"), value, out);
                    }
                }
                _ => {}
            }
        }
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/src/locales")
            .join(language);
        let mut out = HashMap::new();
        for entry in std::fs::read_dir(&folder).expect("the UI's locale folder") {
            let path = entry.expect("a locale file").path();
            let Some(file) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).expect("read a locale file");
            let value: Value = serde_json::from_str(&text).expect("a locale file is JSON");
            collect(file, &value, &mut out);
        }
        out
    }

    /// A UI string as print shows it: without `{{placeholders}}` or a closing colon, and with the
    /// en dash the shipped font has for the UI's minus sign.
    fn as_printed(ui: &str) -> String {
        let mut text = String::new();
        let mut rest = ui;
        while let Some(start) = rest.find("{{") {
            text.push_str(&rest[..start]);
            rest = rest[start..]
                .split_once("}}")
                .map_or("", |(_, after)| after);
        }
        text.push_str(rest);
        text.replace('−', "–")
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_string()
    }

    /// The first letter in lower case, for words print uses inside a line and the UI at the start.
    fn inside_a_line(text: &str) -> String {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_room_legend_reads_as_the_apps() {
        for language in crate::language::LANGUAGES {
            let ui = ui_strings(language);
            let w = words(language);
            let many = if language == "pl" { "many" } else { "other" };
            for (n, form) in [(1, "one"), (5, many)] {
                let shown = &ui[&format!("map.room_band_{form}")];
                assert_eq!(
                    w.room_ratings(n),
                    shown.replace("{{count}}", &n.to_string())
                );
            }
        }
    }

    /// Lane kinds, headings and legends print with the words the app shows for the same thing.
    #[test]
    fn print_and_screen_use_the_same_words() {
        let mut differ = Vec::new();
        for language in crate::language::LANGUAGES {
            let ui = ui_strings(language);
            let w = words(language);
            let mut check = |printed: &str, key: &str, fold: bool| {
                let Some(shown) = ui.get(key) else {
                    differ.push(format!("{language}: the UI has no {key}"));
                    return;
                };
                let (a, b) = (printed.trim_end_matches(':'), as_printed(shown));
                let same = if fold {
                    inside_a_line(a) == inside_a_line(&b)
                } else {
                    a == b
                };
                if !same {
                    differ.push(format!("{language}: print {a:?}, {key} {b:?}"));
                }
            };
            for kind in LaneKind::ALL {
                let key = format!("map.kind_{}", kind.key().replace('-', "_"));
                check(w.kind(kind), &key, false);
            }
            let headings = [
                (w.line_of_visibility, "templates.line_of_visibility"),
                (w.stages, "map.stages"),
                (w.steps, "map.steps"),
                (w.emotion, "map.emotion"),
                (w.moments_of_truth, "map.moments"),
                (w.moments_of_truth, "presentation.moments"),
                (w.current_state, "future.current_state"),
                (w.future_state, "future.future_state"),
                (w.personas, "persona.title"),
                (w.goals, "persona.goals"),
                (w.frustrations, "persona.frustrations"),
                (w.needs, "persona.needs"),
                (w.rational_mindset, "persona.rational"),
                (w.emotional_mindset, "persona.emotional"),
                (w.channels, "persona.channels"),
                (w.severity, "inspector.severity"),
                (w.impact, "priority.impact"),
                (w.effort, "priority.effort"),
                (w.table_head[3], "priority.impact"),
                (w.table_head[4], "priority.effort"),
                (w.table_head[7], "priority.scoreTitle"),
                (w.fix_first, "priority.fixFirst"),
                (w.rule, "priority.rule"),
                (w.no_opportunities, "priority.noOpportunities"),
                (w.answers, "priority.answers"),
                (w.votes[0], "priority.votes_one"),
            ];
            for (printed, key) in headings {
                check(printed, key, false);
            }
            let k = &w.kpis;
            let measured = [
                (k.title, "measure.kpi_title"),
                (k.quadrants[0], "measure.quadrant_fix_first"),
                (k.quadrants[1], "measure.quadrant_keep_up"),
                (k.quadrants[2], "measure.quadrant_overkill"),
                (k.quadrants[3], "measure.quadrant_low"),
                (k.axis_importance, "measure.axis_importance"),
                (k.axis_performance, "measure.axis_performance"),
                (k.par, "measure.par"),
            ];
            let columns = [
                "touchpoint",
                "key",
                "n",
                "expectation",
                "satisfaction",
                "gap",
                "csat",
                "effort",
                "nps",
                "importance",
            ];
            for (printed, key) in measured {
                check(printed, key, false);
            }
            for (printed, column) in k.head.iter().zip(columns) {
                check(printed, &format!("measure.col_{column}"), false);
            }
            if language == "pl" {
                check(w.votes[1], "priority.votes_few", false);
                check(w.votes[2], "priority.votes_many", false);
            } else {
                check(w.votes[2], "priority.votes_other", false);
            }
            // Legend lines: the same words, though print starts them in lower case.
            check(w.doubled_at_moment, "priority.motTitle", true);
            let unrated = w.unrated.strip_prefix("3? ").unwrap_or(w.unrated);
            check(unrated, "priority.unrated", true);
            // The gap row's note ("expected 3 · experienced 4") against the UI's
            // "expected {{expected}}, experienced {{experienced}}" without its numbers.
            let ratings = format!("{} , {}", w.expected, w.experienced);
            check(&ratings, "gaps.ratings", true);
        }
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }

    #[test]
    fn counts_take_the_right_plural_form() {
        let pl = words("pl-PL");
        let got: Vec<String> = [1, 2, 4, 5, 12, 14, 22, 25, 112, 0]
            .into_iter()
            .map(|n| pl.votes(n))
            .collect();
        assert_eq!(
            got,
            [
                "1 głos",
                "2 głosy",
                "4 głosy",
                "5 głosów",
                "12 głosów",
                "14 głosów",
                "22 głosy",
                "25 głosów",
                "112 głosów",
                "0 głosów"
            ]
        );
        assert_eq!(pl.touchpoints(3), "3 punkty styku");
        let de = words("de");
        assert_eq!(de.votes(1), "1 Stimme");
        assert_eq!(de.votes(22), "22 Stimmen");
        let en = words("en-GB");
        assert_eq!(en.votes(1), "1 vote");
        assert_eq!(en.votes(3), "3 votes");
        assert_eq!(
            en.tile(1, 2, 3, 4, 50.0),
            "Row 1 · column 2  (of 3 × 4 sheets, 50% scale)"
        );
    }
}
