//! Step 5: the user's merges and splits.

#[allow(unused_imports)]
use super::*;

/// Finds the nodes that user override strings name.
pub(super) struct Overrides<'a> {
    pub(super) kb_ids: &'a [String],
    pub(super) groups: &'a [Group],
    /// Normalised form -> nodes with that form (kb entities through their linked mentions).
    pub(super) by_norm: HashMap<String, Vec<u32>>,
}

impl<'a> Overrides<'a> {
    /// Indexes the nodes whose normalised form is one of `wanted` (the override strings).
    pub(super) fn new(
        wanted: &[&str],
        kb_ids: &'a [String],
        groups: &'a [Group],
        kb_alias: &HashMap<(Label, String), Option<String>>,
        shorts: &[ShortKey],
    ) -> Overrides<'a> {
        let wanted: BTreeSet<String> = wanted.iter().map(|s| normalize(s)).collect();
        let mut by_norm: HashMap<String, Vec<u32>> = HashMap::default();
        if !wanted.is_empty() {
            let n_kb = kb_ids.len();
            let mut add = |norm: &str, node: u32| {
                if wanted.contains(norm) {
                    by_norm.entry(norm.to_string()).or_default().push(node);
                }
            };
            for (g, group) in groups.iter().enumerate() {
                add(&group.norm, (n_kb + g) as u32);
            }
            for ((_, norm), id) in kb_alias {
                if let Some(i) = id.as_ref().and_then(|id| kb_ids.binary_search(id).ok()) {
                    add(norm, i as u32);
                }
            }
            for (s, key) in shorts.iter().enumerate() {
                add(&key.norm, (n_kb + groups.len() + s) as u32);
            }
            for nodes in by_norm.values_mut() {
                nodes.sort_unstable();
                nodes.dedup();
            }
        }
        Overrides { kb_ids, groups, by_norm }
    }

    /// The nodes a user string names: a kb id, an entity id (`person:markvoss`), or every
    /// form with that normalised surface.
    pub(super) fn nodes(&self, s: &str) -> Vec<u32> {
        if let Ok(i) = self.kb_ids.binary_search_by(|k| k.as_str().cmp(s)) {
            return vec![i as u32];
        }
        if let Some((label, key)) = s.split_once(':') {
            if let Some(label) = Label::parse(&label.to_ascii_uppercase()) {
                if let Ok(g) = self.groups.binary_search_by(|g| (g.label, g.norm.as_str()).cmp(&(label, key))) {
                    return vec![(self.kb_ids.len() + g) as u32];
                }
            }
        }
        self.by_norm.get(normalize(s).as_str()).cloned().unwrap_or_default()
    }
}

// ------------------------------------------------------------------------------------------
// Union-find with constraints
