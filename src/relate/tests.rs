//! Test helpers shared by the relate modules and by dedup's tests.

use std::collections::HashMap;

use super::is_value;
use crate::doc::{Label, Mention};
use crate::link::{Linking, MentionLink};
use crate::doc::Document;
use crate::doc::{Source, Value};
use crate::link::{Evidence, LinkedEntity};

/// Builds documents and their linking from texts in which entity mentions are marked
/// `[text|id|LABEL]` (id: `country:XX`, `city:Name:XX` for a city standing for XX, or any
/// other id); MONEY and DATE take `[text|value|LABEL]`, the value an amount or a date
/// (`-` for none). Sentences end at a full stop before a space or the end, and at line
/// ends.
pub(crate) fn corpus(texts: &[(&str, &str)]) -> (Vec<Document>, Linking) {
    let mut docs = Vec::new();
    let mut raw_links: Vec<Vec<String>> = Vec::new();
    let mut ents: std::collections::BTreeMap<String, (Label, Option<String>, String)> = Default::default();
    for (lang, src) in texts {
        let mut text = String::new();
        let mut mentions = Vec::new();
        let mut keys = Vec::new();
        let mut rest = *src;
        while let Some(i) = rest.find('[') {
            text.push_str(&rest[..i]);
            let j = rest[i..].find(']').unwrap() + i;
            let parts: Vec<&str> = rest[i + 1..j].split('|').collect();
            let (surface, id, label) = (parts[0], parts[1], Label::parse(parts[2]).unwrap());
            let start = text.len();
            text.push_str(surface);
            let mut m = Mention::new(start, text.len(), label, Source::Kb, 0.8);
            match label {
                Label::Money => m.value = Value { amount_min: id.parse().ok(), amount_max: id.parse().ok(), currency: Some("USD".into()), ..Value::default() },
                Label::Date => m.value = Value { date: (id != "-").then(|| id.to_string()), ..Value::default() },
                Label::Percent => m.value = Value { percent: id.parse().ok(), ..Value::default() },
                _ => {}
            }
            let (key, kb_id, country) = if let Some(rest) = id.strip_prefix("city:") {
                let (name, cc) = rest.split_once(':').unwrap();
                (format!("city:{name}"), Some(format!("city:{name}")), Some(cc.to_string()))
            } else if let Some(code) = id.strip_prefix("subdivision:") {
                (id.to_string(), Some(id.to_string()), code.split_once('-').map(|(cc, _)| cc.to_string()))
            } else if let Some(cc) = id.strip_prefix("country:") {
                (id.to_string(), Some(id.to_string()), Some(cc.to_string()))
            } else if id.starts_with("org:") {
                (id.to_string(), Some(id.to_string()), None)
            } else if is_value(label) {
                (format!("{}:{}", label.as_str().to_lowercase(), surface), None, None)
            } else {
                (id.to_string(), None, None)
            };
            m.kb_id = kb_id.clone();
            ents.entry(key.clone()).or_insert((label, kb_id, country.unwrap_or_default()));
            mentions.push(m);
            keys.push(key);
            rest = &rest[j + 1..];
        }
        text.push_str(rest);
        let mut sentences = Vec::new();
        let mut s = 0;
        let ends: Vec<usize> = text
            .match_indices(['.', '\n'])
            .map(|(i, _)| i)
            .filter(|&i| text.as_bytes()[i] == b'\n' || text[i + 1..].chars().next().is_none_or(char::is_whitespace))
            .collect();
        for i in ends {
            if i + 1 > s && !text[s..i + 1].trim().is_empty() {
                sentences.push(s..i + 1);
            }
            s = i + 1;
        }
        if s < text.len() && !text[s..].trim().is_empty() {
            sentences.push(s..text.len());
        }
        docs.push(Document { text, lang: Some(lang.to_string()), sentences, mentions, ..Document::default() });
        raw_links.push(keys);
    }
    let index: HashMap<&String, u32> = ents.keys().enumerate().map(|(i, k)| (k, i as u32)).collect();
    let entities = ents
        .iter()
        .map(|(k, (label, kb_id, country))| LinkedEntity {
            entity_id: k.clone(),
            name: k.clone(),
            label: *label,
            kb_id: kb_id.clone(),
            aliases: vec![],
            languages: vec![],
            n_mentions: 0,
            n_docs: 0,
            country: (!country.is_empty()).then(|| country.clone()),
        })
        .collect();
    let links = raw_links
        .iter()
        .map(|keys| keys.iter().map(|k| MentionLink { entity: index[k], evidence: Evidence::Kb }).collect())
        .collect();
    (docs, Linking { entities, links })
}
