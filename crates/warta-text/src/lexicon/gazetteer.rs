//! The actors warta knows before reading anything: countries, organisations, persons, and the
//! government bodies ("organs") every country has.
//!
//! Owns: `ActorInfo`, the roll-up of an actor to its country, and the synthesis of organ actors
//! (`Kementerian Luar Negeri Armenia` → `armenia-mfa`). Must not: see sentences.

use std::collections::BTreeMap;

use crate::lexicon::table::Table;
use crate::lexicon::{CuratedLink, DataError, LINKS_FILE, is_wikidata_item};
use crate::model::{ActorKey, ActorKind};

/// Everything warta says about one actor in the default graph and the reference graph.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorInfo {
    pub key: ActorKey,
    pub kind: ActorKind,
    /// A Wikidata item id such as `Q30`.
    pub wikidata: Option<String>,
    pub label_id: String,
    pub label_en: Option<String>,
    /// Other names (`skos:altLabel`).
    pub aliases: Vec<String>,
    /// Capitals and seats that stand for a country (`Moskow`, `Kremlin`).
    pub metonyms: Vec<String>,
    /// What the actor rolls up to: an organisation's parent, an organ's country, a person's post.
    pub parent: Option<ActorKey>,
    pub iso2: Option<String>,
    pub iso3: Option<String>,
    /// Member states of an organisation, where known.
    pub members: Vec<ActorKey>,
    /// `member`, `observer` or `other` for countries; the organisation's kind otherwise.
    pub category: Option<String>,
    /// The government body an organisation is, for its parent country (`mfa`).
    pub organ: Option<String>,
}

impl ActorInfo {
    /// A person the gazetteer does not list, named in an article.
    pub fn discovered_person(key: ActorKey, name: &str) -> ActorInfo {
        ActorInfo {
            key,
            kind: ActorKind::Person,
            wikidata: None,
            label_id: name.to_owned(),
            label_en: None,
            aliases: Vec::new(),
            metonyms: Vec::new(),
            parent: None,
            iso2: None,
            iso3: None,
            members: Vec::new(),
            category: None,
            organ: None,
        }
    }

    /// Every name the actor may be written with, with the metonyms last.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.label_id.as_str())
            .chain(self.label_en.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.metonyms.iter().map(String::as_str))
    }
}

/// A template for the bodies every country has (`data/organs.tsv`).
#[derive(Debug, Clone)]
pub struct Organ {
    pub name: String,
    label_id: String,
    label_en: String,
    pub forms: Vec<String>,
}

/// The actor tables, indexed by key.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    actors: BTreeMap<ActorKey, ActorInfo>,
    organs: Vec<Organ>,
    /// Listed organ instances by (country, organ): `(us, mfa)` → `us-state-dept`.
    organ_instances: std::collections::HashMap<(ActorKey, String), ActorKey>,
    /// Curated Wikidata links (`data/links.tsv`) of actors no actor file lists.
    links: BTreeMap<ActorKey, String>,
}

impl Gazetteer {
    pub(crate) fn load(countries: &Table, organizations: &Table, persons: &Table, organs: &Table) -> Result<Gazetteer, DataError> {
        let mut gazetteer = Gazetteer::default();
        for row in organs.rows() {
            gazetteer.organs.push(Organ {
                name: row.cell(0).to_owned(),
                label_id: row.cell(1).to_owned(),
                label_en: row.cell(2).to_owned(),
                forms: row.list(3).into_iter().map(str::to_owned).collect(),
            });
        }
        // countries: key wikidata iso2 iso3 status label_id label_en aliases metonyms
        for row in countries.rows() {
            let info = ActorInfo {
                key: parse_key(countries, row, 0)?,
                kind: ActorKind::Country,
                wikidata: parse_wikidata(countries, row, 1)?,
                label_id: row.cell(5).to_owned(),
                label_en: row.optional(6).map(str::to_owned),
                aliases: row.list(7).into_iter().map(str::to_owned).collect(),
                metonyms: row.list(8).into_iter().map(str::to_owned).collect(),
                parent: None,
                iso2: row.optional(2).map(str::to_owned),
                iso3: row.optional(3).map(str::to_owned),
                members: Vec::new(),
                category: Some(row.cell(4).to_owned()),
                organ: None,
            };
            gazetteer.insert(countries, row, info)?;
        }
        // organizations: key wikidata kind parent organ label_id label_en aliases members
        let mut pending_parents = Vec::new();
        for row in organizations.rows() {
            let key = parse_key(organizations, row, 0)?;
            let members = row
                .list(8)
                .into_iter()
                .map(|m| gazetteer.existing_country(organizations, row, m))
                .collect::<Result<_, _>>()?;
            if let Some(parent) = row.optional(3) {
                pending_parents.push((row, parent, row.optional(4)));
            }
            let info = ActorInfo {
                key,
                kind: ActorKind::Organization,
                wikidata: parse_wikidata(organizations, row, 1)?,
                label_id: row.cell(5).to_owned(),
                label_en: row.optional(6).map(str::to_owned),
                aliases: row.list(7).into_iter().map(str::to_owned).collect(),
                metonyms: Vec::new(),
                parent: row.optional(3).and_then(ActorKey::new),
                iso2: None,
                iso3: None,
                members,
                category: Some(row.cell(2).to_owned()),
                organ: row.optional(4).map(str::to_owned),
            };
            gazetteer.insert(organizations, row, info)?;
        }
        for info in gazetteer.actors.values() {
            if let (Some(parent), Some(organ)) = (&info.parent, &info.organ) {
                gazetteer.organ_instances.insert((parent.clone(), organ.clone()), info.key.clone());
            }
        }
        for (row, parent, organ) in pending_parents {
            if gazetteer.resolve(parent).is_none() {
                return Err(organizations.error(row, format!("parent '{parent}' is not a known actor")));
            }
            if let Some(organ) = organ {
                if !gazetteer.organs.iter().any(|o| o.name == organ) {
                    return Err(organizations.error(row, format!("organ '{organ}' is not in organs.tsv")));
                }
            }
        }
        // persons: key wikidata affiliation label aliases
        for row in persons.rows() {
            let affiliation = row.optional(2);
            if let Some(affiliation) = affiliation {
                if gazetteer.resolve(affiliation).is_none() {
                    return Err(persons.error(row, format!("affiliation '{affiliation}' is not a known actor")));
                }
            }
            let info = ActorInfo {
                key: parse_key(persons, row, 0)?,
                kind: ActorKind::Person,
                wikidata: parse_wikidata(persons, row, 1)?,
                label_id: row.cell(3).to_owned(),
                label_en: None,
                aliases: row.list(4).into_iter().map(str::to_owned).collect(),
                metonyms: Vec::new(),
                parent: affiliation.and_then(ActorKey::new),
                iso2: None,
                iso3: None,
                members: Vec::new(),
                category: None,
                organ: None,
            };
            gazetteer.insert(persons, row, info)?;
        }
        Ok(gazetteer)
    }

    /// Applies the curated links of `data/links.tsv` (written by `warta link --accept`): a listed
    /// actor without a Wikidata id gets one, and the others (discovered persons, synthesised
    /// bodies) get theirs when they are described.
    pub(crate) fn apply_links(&mut self, links: &[CuratedLink]) -> Result<(), DataError> {
        for link in links {
            match self.actors.get_mut(&link.key) {
                Some(ActorInfo {
                    wikidata: Some(existing), ..
                }) if *existing != link.wikidata => {
                    return Err(DataError {
                        file: LINKS_FILE.to_owned(),
                        line: 0,
                        message: format!(
                            "'{}' is linked to {} here but to {existing} in its actor file",
                            link.key, link.wikidata
                        ),
                    });
                }
                Some(info) => info.wikidata = Some(link.wikidata.clone()),
                None => {
                    self.links.insert(link.key.clone(), link.wikidata.clone());
                }
            }
        }
        Ok(())
    }

    /// A person no file lists, named in an article, with its curated link if there is one.
    pub fn discovered_person(&self, key: ActorKey, name: &str) -> ActorInfo {
        let mut info = ActorInfo::discovered_person(key, name);
        info.wikidata = self.links.get(&info.key).cloned();
        info
    }

    fn insert(&mut self, table: &Table, row: &crate::lexicon::table::Row, info: ActorInfo) -> Result<(), DataError> {
        if self.actors.contains_key(&info.key) {
            return Err(table.error(row, format!("the key '{}' is already used by another actor file", info.key)));
        }
        self.actors.insert(info.key.clone(), info);
        Ok(())
    }

    fn existing_country(&self, table: &Table, row: &crate::lexicon::table::Row, key: &str) -> Result<ActorKey, DataError> {
        ActorKey::new(key)
            .filter(|k| self.actors.get(k).is_some_and(|a| a.kind == ActorKind::Country))
            .ok_or_else(|| table.error(row, format!("member '{key}' is not a country of countries.tsv")))
    }

    /// The listed actors, sorted by key (organs are synthesised on demand and not listed).
    pub fn actors(&self) -> impl Iterator<Item = &ActorInfo> {
        self.actors.values()
    }

    pub fn organs(&self) -> &[Organ] {
        &self.organs
    }

    pub fn get(&self, key: &ActorKey) -> Option<&ActorInfo> {
        self.actors.get(key)
    }

    /// The kind of the actor with this key, without building its description.
    pub fn kind(&self, key: &ActorKey) -> Option<ActorKind> {
        match self.actors.get(key) {
            Some(info) => Some(info.kind),
            None => self.resolve(key.as_str()).map(|info| info.kind),
        }
    }

    /// Looks a key up, synthesising `<country>-<organ>` keys that no file lists.
    pub fn resolve(&self, key: &str) -> Option<ActorInfo> {
        let key = ActorKey::new(key)?;
        if let Some(info) = self.actors.get(&key) {
            return Some(info.clone());
        }
        let (country, organ) = key.as_str().rsplit_once('-')?;
        let country = self.actors.get(&ActorKey::new(country)?).filter(|c| c.kind == ActorKind::Country)?;
        self.organ_of(&country.key, organ)
    }

    /// The body `organ` of `country`: the listed instance (`us-state-dept`), else a synthesised one.
    pub fn organ_of(&self, country: &ActorKey, organ: &str) -> Option<ActorInfo> {
        let template = self.organs.iter().find(|o| o.name == organ)?;
        let country_info = self.actors.get(country).filter(|c| c.kind == ActorKind::Country)?;
        if let Some(listed) = self
            .organ_instances
            .get(&(country.clone(), organ.to_owned()))
            .and_then(|key| self.actors.get(key))
        {
            return Some(listed.clone());
        }
        let key = ActorKey::new(&format!("{country}-{organ}"))?;
        let english = country_info.label_en.as_deref().unwrap_or(&country_info.label_id);
        Some(ActorInfo {
            wikidata: self.links.get(&key).cloned(),
            key,
            kind: ActorKind::Organization,
            label_id: template.label_id.replace("{id}", &country_info.label_id),
            label_en: Some(template.label_en.replace("{en}", english)),
            aliases: Vec::new(),
            metonyms: Vec::new(),
            parent: Some(country.clone()),
            iso2: None,
            iso3: None,
            members: Vec::new(),
            category: Some("ministry".to_owned()),
            organ: Some(organ.to_owned()),
        })
    }

    /// The country an actor rolls up to (itself for a country), following parents.
    pub fn country_of(&self, key: &ActorKey) -> Option<ActorKey> {
        let mut current = self.resolve(key.as_str())?;
        for _ in 0..8 {
            if current.kind == ActorKind::Country {
                return Some(current.key);
            }
            current = self.resolve(current.parent?.as_str())?;
        }
        None
    }

    /// The top of the parent chain: a country, or an organisation with no parent (UN for the
    /// Security Council). This is the level at which the scorer compares affiliations.
    pub fn roll_up(&self, key: &ActorKey) -> ActorKey {
        let mut current = key.clone();
        for _ in 0..8 {
            match self.resolve(current.as_str()).and_then(|info| info.parent) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }
}

fn parse_key(table: &Table, row: &crate::lexicon::table::Row, column: usize) -> Result<ActorKey, DataError> {
    ActorKey::new(row.cell(column)).ok_or_else(|| table.error(row, format!("'{}' is not a key: use a-z, 0-9 and '-'", row.cell(column))))
}

fn parse_wikidata(table: &Table, row: &crate::lexicon::table::Row, column: usize) -> Result<Option<String>, DataError> {
    match row.optional(column) {
        None => Ok(None),
        Some(id) if is_wikidata_item(id) => Ok(Some(id.to_owned())),
        Some(id) => Err(table.error(row, format!("'{id}' is not a Wikidata item id (Q followed by digits)"))),
    }
}
