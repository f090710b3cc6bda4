//! The channel catalogue every new project starts with; users add their own beside it.

use crate::model::{Channel, ChannelIcon};
use crate::order::OrderKey;
use uuid::Uuid;

const BUILTIN: [(&str, ChannelIcon); 10] = [
    ("Call centre", ChannelIcon::CallCentre),
    ("Store", ChannelIcon::Store),
    ("Website", ChannelIcon::Website),
    ("App", ChannelIcon::App),
    ("Social media", ChannelIcon::Social),
    ("Email", ChannelIcon::Email),
    ("Ads", ChannelIcon::Ads),
    ("Post", ChannelIcon::Post),
    ("Chat", ChannelIcon::Chat),
    ("Vending machine", ChannelIcon::VendingMachine),
];

/// Built-in channels get fixed ids so templates and imports can refer to them.
pub fn builtin_channels() -> Vec<Channel> {
    let keys = OrderKey::sequence(BUILTIN.len());
    BUILTIN
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, ((name, icon), order))| Channel {
            id: Uuid::from_u128(0x5741_594d_0000_4000_8000_0000_0000_0000 | (i as u128 + 1)),
            name: name.to_string(),
            icon: *icon,
            order,
        })
        .collect()
}
