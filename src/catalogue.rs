//! The channel catalogue every new project starts with; users add their own beside it.

use crate::language::language_of;
use crate::model::{Channel, ChannelIcon, Project};
use crate::order::OrderKey;
use uuid::Uuid;

/// Name in English, German and Polish, and icon.
const BUILTIN: [(&str, &str, &str, ChannelIcon); 10] = [
    (
        "Call centre",
        "Callcenter",
        "Infolinia",
        ChannelIcon::CallCentre,
    ),
    ("Store", "Filiale", "Sklep", ChannelIcon::Store),
    (
        "Website",
        "Website",
        "Strona internetowa",
        ChannelIcon::Website,
    ),
    ("App", "App", "Aplikacja", ChannelIcon::App),
    (
        "Social media",
        "Social Media",
        "Media społecznościowe",
        ChannelIcon::Social,
    ),
    ("Email", "E-Mail", "E-mail", ChannelIcon::Email),
    ("Ads", "Werbung", "Reklamy", ChannelIcon::Ads),
    ("Post", "Post", "Poczta", ChannelIcon::Post),
    ("Chat", "Chat", "Czat", ChannelIcon::Chat),
    (
        "Vending machine",
        "Automat",
        "Automat",
        ChannelIcon::VendingMachine,
    ),
];

/// Built-in channels, named in `language` ("en", "de", "pl"; others get English). They get fixed
/// ids whatever the language, so templates and imports can refer to them.
pub fn builtin_channels(language: &str) -> Vec<Channel> {
    let keys = OrderKey::sequence(BUILTIN.len());
    BUILTIN
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, ((en, de, pl, icon), order))| Channel {
            id: Uuid::from_u128(0x5741_594d_0000_4000_8000_0000_0000_0000 | (i as u128 + 1)),
            name: match language {
                "de" => de,
                "pl" => pl,
                _ => en,
            }
            .to_string(),
            icon: *icon,
            order,
        })
        .collect()
}

/// An empty project that starts with the built-in channels, named in the locale's language.
pub fn new_project(name: &str, locale: &str, now: &str) -> Project {
    Project::new(name, locale, builtin_channels(&language_of(locale)), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_are_named_in_the_language_with_the_same_ids() {
        let en = builtin_channels("en");
        let de = builtin_channels("de");
        let pl = builtin_channels("pl");
        assert_eq!(en[0].name, "Call centre");
        assert_eq!(de[0].name, "Callcenter");
        assert_eq!(pl[4].name, "Media społecznościowe");
        assert_eq!(builtin_channels("fr")[0].name, "Call centre");
        let ids = |c: &[Channel]| c.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(&en), ids(&de));
        assert_eq!(ids(&en), ids(&pl));
    }
}
