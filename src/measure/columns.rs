//! The columns of a survey export, recognised by their header in English, German or Polish.

/// A column Waymark reads; any other column is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Touchpoint,
    Date,
    Satisfaction,
    Expectation,
    Effort,
    Recommend,
    Overall,
    Respondent,
    Response,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Touchpoint,
        Column::Date,
        Column::Satisfaction,
        Column::Expectation,
        Column::Effort,
        Column::Recommend,
        Column::Overall,
        Column::Respondent,
        Column::Response,
    ];

    /// The English header, as messages name the column.
    pub fn name(self) -> &'static str {
        self.headers()[0]
    }

    /// Headers that mean this column, lower case, English first.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Touchpoint => &[
                "touchpoint",
                "kontaktpunkt",
                "berührungspunkt",
                "punkt styku",
                "punkt kontaktu",
            ],
            Column::Date => &["date", "datum", "data"],
            Column::Satisfaction => &["satisfaction", "zufriedenheit", "zadowolenie"],
            Column::Expectation => &["expectation", "erwartung", "oczekiwanie", "oczekiwania"],
            Column::Effort => &["effort", "aufwand", "wysiłek"],
            Column::Recommend => &[
                "recommend",
                "weiterempfehlung",
                "empfehlung",
                "polecenie",
                "rekomendacja",
            ],
            Column::Overall => &[
                "overall",
                "gesamtzufriedenheit",
                "gesamt",
                "ogólne zadowolenie",
                "ogółem",
                "ogólnie",
            ],
            Column::Respondent => &["respondent", "befragter", "teilnehmer", "respondent id"],
            Column::Response => &[
                "response",
                "antwort",
                "antwort-id",
                "odpowiedź",
                "response id",
            ],
        }
    }

    /// The column a header names, ignoring case, surrounding space and a byte-order mark.
    pub fn recognise(header: &str) -> Option<Column> {
        let header = header
            .trim_start_matches('\u{feff}')
            .trim()
            .to_lowercase()
            .replace('_', " ");
        Column::ALL
            .into_iter()
            .find(|column| column.headers().contains(&header.as_str()))
    }

    /// The points of a rating column's scale.
    pub fn scale(self) -> Option<(u8, u8)> {
        match self {
            Column::Satisfaction | Column::Expectation | Column::Overall => Some((1, 5)),
            Column::Effort => Some((1, 7)),
            Column::Recommend => Some((0, 10)),
            _ => None,
        }
    }
}

/// Where each column Waymark reads sits in the file's rows.
#[derive(Debug, Clone, Default)]
pub struct Header {
    positions: [Option<usize>; 9],
}

impl Header {
    pub fn read<'a>(names: impl Iterator<Item = &'a str>) -> Header {
        let mut header = Header::default();
        for (position, name) in names.enumerate() {
            if let Some(column) = Column::recognise(name) {
                let slot = &mut header.positions[column as usize];
                // The first of two columns with one meaning wins, as a reader would take it.
                slot.get_or_insert(position);
            }
        }
        header
    }

    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions[column as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_three_languages_name_the_same_columns() {
        let header = Header::read(
            [
                "\u{feff}Kontaktpunkt",
                "Datum",
                " ZADOWOLENIE ",
                "extra",
                "Weiterempfehlung",
                "response_id",
            ]
            .into_iter(),
        );
        assert_eq!(header.position(Column::Touchpoint), Some(0));
        assert_eq!(header.position(Column::Date), Some(1));
        assert_eq!(header.position(Column::Satisfaction), Some(2));
        assert_eq!(header.position(Column::Recommend), Some(4));
        assert_eq!(header.position(Column::Response), Some(5));
        assert_eq!(header.position(Column::Effort), None);
        assert_eq!(Column::recognise("Punkt styku"), Some(Column::Touchpoint));
        assert_eq!(
            Column::recognise("Gesamtzufriedenheit"),
            Some(Column::Overall)
        );
    }
}
