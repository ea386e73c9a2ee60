//! Every IRI warta writes, one module per namespace, one doc line per term; the identifiers of
//! warta's own resources are minted here too. No other module spells an IRI.
//!
//! Owns: the data model's names (an API boundary: queries and the scorer depend on them).
//! Must not: depend on anything but `oxrdf` and `model::Relation`.

pub use oxrdf::vocab::{rdf, rdfs, xsd};

/// Prefixes for people-facing output (tables, Turtle, the page), most specific first.
pub const PREFIXES: [(&str, &str); 12] = [
    ("actor", "https://w3id.org/warta/id/actor/"),
    ("article", "https://w3id.org/warta/id/article/"),
    ("statement", "https://w3id.org/warta/id/statement/"),
    ("warta", "https://w3id.org/warta/ns#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("wartaid", "https://w3id.org/warta/id/"),
];

/// The namespace of SVG documents, for pictures drawn without a renderer.
pub const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// `prefix:local` for an IRI under a known prefix whose local part needs no escaping.
pub fn compact(iri: &str) -> Option<String> {
    PREFIXES.iter().find_map(|(prefix, namespace)| {
        let local = iri.strip_prefix(namespace)?;
        local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .then(|| format!("{prefix}:{local}"))
    })
}

pub mod warta {
    //! The warta vocabulary, `https://w3id.org/warta/ns#` (published in `data/ontology.ttl`).
    use oxrdf::NamedNodeRef;

    use warta_text::model::{ActorKind, Family, Relation};

    /// A news article; its statements live in the named graph of the same IRI.
    pub const ARTICLE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Article");
    /// Anything that takes stances.
    pub const ACTOR: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Actor");
    /// A country.
    pub const COUNTRY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Country");
    /// An organisation, body, ministry, party or armed group.
    pub const ORGANIZATION: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Organization");
    /// A named person.
    pub const PERSON: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Person");
    /// The provenance of one extracted triple.
    pub const STATEMENT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Statement");
    /// Statement → the article that states it.
    pub const ARTICLE_PROPERTY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#article");
    /// Statement → the sentence text.
    pub const SENTENCE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#sentence");
    /// Statement → the sentence's position in the article.
    pub const SENTENCE_INDEX: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#sentenceIndex");
    /// Statement → where the sentence starts, in characters.
    pub const CHAR_START: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#charStart");
    /// Statement → where the sentence ends, in characters.
    pub const CHAR_END: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#charEnd");
    /// Statement → the trigger words.
    pub const TRIGGER: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#trigger");
    /// Statement → the date the sentence gives.
    pub const DATE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#date");
    /// Statement → asserted, announced or reported.
    pub const MODALITY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#modality");
    /// Statement → how often its rule is right.
    pub const CONFIDENCE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#confidence");
    /// Statement → the name of the rule that produced it.
    pub const RULE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#rule");
    /// Actor → the country or organisation it belongs to.
    pub const PARENT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#parent");
    /// Country → an organisation it is a member of.
    pub const MEMBER_OF: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#memberOf");
    /// Country → its ISO 3166-1 alpha-2 code.
    pub const ISO_ALPHA2: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#iso3166Alpha2");
    /// Country → its ISO 3166-1 alpha-3 code.
    pub const ISO_ALPHA3: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#iso3166Alpha3");
    /// Country → member, observer or other.
    pub const UN_STATUS: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#unStatus");
    /// Country → a capital or seat that stands for it in text.
    pub const METONYM: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#metonym");
    /// Article → its text, as read.
    pub const TEXT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#text");
    /// Article → what `warta build` extracted it from (the article and the lexicon), hashed, so
    /// that a later build skips it when nothing changed.
    pub const CONTENT_HASH: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#contentHash");
    /// The summary graph's own description: it is kept up to date by every write.
    pub const SUMMARY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#Summary");
    /// One distinct `subject relation object` triple of the article graphs, in the summary graph.
    pub const TRIPLE_SUMMARY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#TripleSummary");
    /// Triple summary → the articles that assert it; actor → the articles whose triples name
    /// it; the summary graph → the articles.
    pub const ARTICLE_COUNT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#articleCount");
    /// Triple summary → the earliest date of an article that asserts it.
    pub const FIRST_DATE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#firstDate");
    /// Triple summary → the latest date of an article that asserts it.
    pub const LAST_DATE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#lastDate");
    /// Actor → the stances it takes, counted once per article (affiliations excluded).
    pub const STANCE_COUNT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#stanceCount");
    /// Actor → the stances it receives, counted once per article.
    pub const RECEIVED_STANCE_COUNT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#receivedStanceCount");

    /// Actor → the stances of a family it takes (`warta:appealCount`, `warta:cooperateCount`,
    /// `warta:disapproveCount`), counted as [`STANCE_COUNT`] is; `None` for affiliation, which
    /// is no stance.
    pub fn family_count(family: Family) -> Option<NamedNodeRef<'static>> {
        match family {
            Family::Appeal => Some(NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#appealCount")),
            Family::Cooperate => Some(NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#cooperateCount")),
            Family::Disapprove => Some(NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#disapproveCount")),
            Family::Affiliation => None,
        }
    }

    /// One ordered pair of actors that some article triple joins, in the summary graph: what
    /// questions about two actors at once read (one node to join on, not one per relation).
    pub const PAIR_SUMMARY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#PairSummary");
    /// Pair summary → the actor that takes the stances (the triples' subject).
    pub const PAIR_ACTOR: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairActor");
    /// Pair summary → the party that receives them (the triples' object).
    pub const PAIR_PARTY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairParty");

    /// Pair summary → the articles asserting each triple of a family between the two actors,
    /// summed over the family's relations (`warta:pairAppealCount`, `warta:pairCooperateCount`,
    /// `warta:pairDisapproveCount`, `warta:pairAffiliationCount`).
    pub fn pair_count(family: Family) -> NamedNodeRef<'static> {
        match family {
            Family::Appeal => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairAppealCount"),
            Family::Cooperate => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairCooperateCount"),
            Family::Disapprove => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairDisapproveCount"),
            Family::Affiliation => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#pairAffiliationCount"),
        }
    }

    /// The property of a relation: `warta:urges`, ..., `warta:affiliatedWith`.
    pub fn relation(relation: Relation) -> NamedNodeRef<'static> {
        match relation {
            Relation::Urges => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#urges"),
            Relation::Supports => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#supports"),
            Relation::Condemns => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#condemns"),
            Relation::Criticizes => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#criticizes"),
            Relation::Accuses => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#accuses"),
            Relation::Warns => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#warns"),
            Relation::Mediates => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#mediates"),
            Relation::TalksWith => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#talksWith"),
            Relation::AllyOf => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#allyOf"),
            Relation::AffiliatedWith => NamedNodeRef::new_unchecked("https://w3id.org/warta/ns#affiliatedWith"),
        }
    }

    /// The class of an actor kind.
    pub fn class(kind: ActorKind) -> NamedNodeRef<'static> {
        match kind {
            ActorKind::Country => COUNTRY,
            ActorKind::Organization => ORGANIZATION,
            ActorKind::Person => PERSON,
        }
    }
}

pub mod owl {
    //! OWL, for `owl:sameAs` links to Wikidata.
    use oxrdf::NamedNodeRef;
    /// The subject and object are the same thing.
    pub const SAME_AS: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");
}

pub mod skos {
    //! SKOS labels.
    use oxrdf::NamedNodeRef;
    /// Another name of the resource.
    pub const ALT_LABEL: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
}

pub mod sd {
    //! SPARQL 1.1 Service Description, for the endpoint's self-description.
    use oxrdf::NamedNodeRef;
    /// A SPARQL service.
    pub const SERVICE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#Service");
    /// Where the service answers.
    pub const ENDPOINT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#endpoint");
    /// A language the service speaks.
    pub const SUPPORTED_LANGUAGE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#supportedLanguage");
    /// SPARQL 1.1 Query.
    pub const SPARQL11_QUERY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#SPARQL11Query");
    /// SPARQL 1.1 Update.
    pub const SPARQL11_UPDATE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#SPARQL11Update");
    /// A result format the service writes.
    pub const RESULT_FORMAT: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#resultFormat");
    /// A feature of the service.
    pub const FEATURE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#feature");
    /// Queries may call other endpoints with SERVICE.
    pub const BASIC_FEDERATED_QUERY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#BasicFederatedQuery");
    /// The dataset queries run on by default.
    pub const DEFAULT_DATASET: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#defaultDataset");
    /// A dataset.
    pub const DATASET: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#Dataset");
    /// The default graph of a dataset.
    pub const DEFAULT_GRAPH: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#defaultGraph");
    /// A graph.
    pub const GRAPH: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#Graph");
}

pub mod formats {
    //! W3C format identifiers (`http://www.w3.org/ns/formats/`), for the service description.
    use oxrdf::NamedNodeRef;
    /// SPARQL results in JSON.
    pub const SPARQL_RESULTS_JSON: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/SPARQL_Results_JSON");
    /// SPARQL results in XML.
    pub const SPARQL_RESULTS_XML: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/SPARQL_Results_XML");
    /// SPARQL results in CSV.
    pub const SPARQL_RESULTS_CSV: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/SPARQL_Results_CSV");
    /// SPARQL results in TSV.
    pub const SPARQL_RESULTS_TSV: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/SPARQL_Results_TSV");
    /// Turtle.
    pub const TURTLE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/Turtle");
    /// N-Triples.
    pub const N_TRIPLES: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/N-Triples");
    /// RDF/XML.
    pub const RDF_XML: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/RDF_XML");
    /// JSON-LD.
    pub const JSON_LD: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/JSON-LD");
    /// N-Quads.
    pub const N_QUADS: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/N-Quads");
    /// TriG.
    pub const TRIG: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/ns/formats/TriG");
}

pub mod internal {
    //! Names warta uses inside one process and never writes to a store or a response.
    use oxrdf::NamedNode;
    /// The function a query's sort is fed through, to stop it on time and within its rows
    /// (`query::prepare`).
    pub fn sorted_row_guard() -> NamedNode {
        NamedNode::new_unchecked("urn:x-warta:guard:sorted-row")
    }
    /// The function grouping and duplicate removal are fed through, to stop them on time.
    pub fn row_guard() -> NamedNode {
        NamedNode::new_unchecked("urn:x-warta:guard:row")
    }
}

pub mod dcterms {
    //! Dublin Core terms for articles.
    use oxrdf::NamedNodeRef;
    /// An identifier of the resource.
    pub const IDENTIFIER: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://purl.org/dc/terms/identifier");
    /// The title.
    pub const TITLE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://purl.org/dc/terms/title");
    /// The date.
    pub const DATE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://purl.org/dc/terms/date");
    /// Where the resource comes from.
    pub const SOURCE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://purl.org/dc/terms/source");
}

pub mod id {
    //! warta's own resources, under `https://w3id.org/warta/id/`.
    use oxrdf::NamedNode;

    use warta_text::model::ActorKey;

    pub const BASE: &str = "https://w3id.org/warta/id/";
    /// The named graph that holds the gazetteer.
    pub const REFERENCE_GRAPH: &str = "https://w3id.org/warta/id/graph/reference";
    /// The named graph that holds the vocabulary (`data/ontology.ttl`).
    pub const VOCABULARY_GRAPH: &str = "https://w3id.org/warta/id/graph/vocabulary";
    /// The named graph that summarises the article graphs: each distinct triple with its
    /// article count, and each actor's counts (kept by every write, `warta::summary`).
    pub const SUMMARY_GRAPH: &str = "https://w3id.org/warta/id/graph/summary";
    /// Where the nodes of the summary graph's triples live: `{TRIPLE_BASE}{hash}`.
    pub const TRIPLE_BASE: &str = "https://w3id.org/warta/id/triple/";
    /// Where the summary graph's nodes of actor pairs live: `{PAIR_BASE}{hash}`.
    pub const PAIR_BASE: &str = "https://w3id.org/warta/id/pair/";
    /// Where Wikidata items live.
    pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

    pub fn actor(key: &ActorKey) -> NamedNode {
        NamedNode::new_unchecked(format!("{BASE}actor/{key}"))
    }

    /// The article's IRI, its id percent-encoded where an IRI would not allow it.
    pub fn article(article_id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{BASE}article/{}", encode_segment(article_id)))
    }

    pub fn statement(hash: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{BASE}statement/{hash}"))
    }

    pub fn reference_graph() -> NamedNode {
        NamedNode::new_unchecked(REFERENCE_GRAPH)
    }

    pub fn vocabulary_graph() -> NamedNode {
        NamedNode::new_unchecked(VOCABULARY_GRAPH)
    }

    pub fn summary_graph() -> NamedNode {
        NamedNode::new_unchecked(SUMMARY_GRAPH)
    }

    /// The summary node of one distinct triple, named by a hash of its three IRIs.
    pub fn triple(hash: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{TRIPLE_BASE}{hash}"))
    }

    /// The summary node of one ordered pair of actors, named by a hash of their two IRIs.
    pub fn pair(hash: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{PAIR_BASE}{hash}"))
    }

    pub fn wikidata(item: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{WIKIDATA_ENTITY}{item}"))
    }

    /// The key of an actor IRI, when it is one of ours.
    pub fn actor_key(iri: &str) -> Option<ActorKey> {
        iri.strip_prefix(BASE)?.strip_prefix("actor/").and_then(ActorKey::new)
    }

    /// Keeps RFC 3986 unreserved characters, percent-encodes every other byte.
    fn encode_segment(segment: &str) -> String {
        let mut out = String::with_capacity(segment.len());
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn article_ids_become_iri_segments() {
            assert_eq!(
                super::article("000_74294af58201a0cd").as_str(),
                "https://w3id.org/warta/id/article/000_74294af58201a0cd"
            );
            assert_eq!(super::article("a b/é").as_str(), "https://w3id.org/warta/id/article/a%20b%2F%C3%A9");
        }
    }
}
