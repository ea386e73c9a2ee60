//! The pages for people: `/` (a query editor, its results, the stance picture), a page per
//! actor and per article, `/graph.svg`, the stock queries as JSON, and the page's static files.
//! Pages read the store directly (by quad patterns) and write HTML with every value escaped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use oxhttp::model::{Body, HeaderValue, Request, StatusCode};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, QuadRef, Term};
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::export::{Edges, ExportError, ExportFilter, SvgPicture, describe, export_svg, export_svg_of_edges};
use crate::serve::State;
use crate::serve::http::{HttpResponse, Reply, all, error, escape_html, first, response, url_params, with_deadline};
use crate::serve::sparql::{Operation, query_failed, start_query, timed_out};
use crate::vocab::{dcterms, id, owl, rdf, rdfs, skos, warta};
use warta_text::model::Relation;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// Pictures of a query's result stop at this many actors: more would not be legible.
const MAX_PICTURE_ACTORS: usize = 150;

/// Where actor pages live; the picture links its nodes there.
const ACTOR_PAGES: &str = "/actor/";

fn html(status: StatusCode, body: String) -> HttpResponse {
    response(status, "text/html; charset=utf-8", body)
}

fn store_failed(e: impl std::fmt::Display) -> Reply {
    Reply::error(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot read the store: {e}"))
}

/// The shell every page shares.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · warta</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
         <body><header><a class=\"home\" href=\"/\">warta</a></header><main>{body}</main></body></html>\n",
        escape_html(title)
    )
}

/// `GET /`.
pub fn index() -> HttpResponse {
    let relations: String = Relation::ALL
        .iter()
        .map(|r| format!("<option value=\"{0}\">{0}</option>", r.name()))
        .collect();
    // The page's script links IRIs with these prefixes; they are spelled in `vocab` alone.
    let prefixes: serde_json::Map<String, serde_json::Value> = crate::vocab::PREFIXES
        .iter()
        .map(|(prefix, namespace)| ((*prefix).to_owned(), serde_json::Value::from(*namespace)))
        .collect();
    let page = INDEX_HTML
        .replace("{{relations}}", &relations)
        .replace("{{prefixes}}", &serde_json::Value::Object(prefixes).to_string());
    html(StatusCode::OK, page)
}

/// `GET /static/...`.
pub fn asset(path: &str) -> HttpResponse {
    match path {
        "/static/app.js" => response(StatusCode::OK, "text/javascript; charset=utf-8", APP_JS),
        "/static/style.css" => response(StatusCode::OK, "text/css; charset=utf-8", STYLE_CSS),
        _ => error(StatusCode::NOT_FOUND, format!("no file {path}")),
    }
}

/// `GET /queries`: the stock queries as `[{"name", "question", "query"}]`.
pub fn stock_queries() -> HttpResponse {
    let queries: Vec<serde_json::Value> = crate::stock::STOCK_QUERIES
        .iter()
        .map(|(name, text)| serde_json::json!({ "name": name, "question": crate::stock::stock_query_question(text), "query": text }))
        .collect();
    response(StatusCode::OK, "application/json", serde_json::Value::Array(queries).to_string())
}

/// `GET /graph.svg`: the stance picture of a filter (`relation`, `actor`, `article`, each
/// repeatable) or of a query's result (`query`: the stances among the actors it returns, named
/// by IRI or by label).
pub fn graph_svg(state: &Arc<State>, request: &Request<Body>) -> HttpResponse {
    let params = url_params(request);
    let given = |name: &str| -> Vec<String> {
        all(&params, name)
            .into_iter()
            .filter(|v| !v.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut relations = Vec::new();
    for name in given("relation") {
        match Relation::from_name(&name) {
            Some(relation) => relations.push(relation),
            None => {
                let known: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("unknown relation '{name}': use one of {}", known.join(", ")),
                );
            }
        }
    }
    let range = match DateRange::of(first(&params, "from"), first(&params, "to")) {
        Ok(range) => range,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let top = match first(&params, "top").filter(|v| !v.trim().is_empty()) {
        None => DEFAULT_TOP_ACTORS,
        Some(value) => match value.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_PICTURE_ACTORS).contains(&n) => n,
            _ => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("top={value} is not a number of actors from 1 to {MAX_PICTURE_ACTORS}"),
                );
            }
        },
    };
    let nothing_chosen = first(&params, "query").is_none() && given("actor").is_empty() && given("article").is_empty();
    if nothing_chosen || !range.is_open() {
        // The whole store, or a stretch of time: the most active actors and the stances among
        // them, counted from the summary graph (or from the articles of the stretch).
        return match most_active(state, &relations, &given("actor"), top, &range) {
            Ok(edges) => match export_svg_of_edges(&state.store, &edges, Some(ACTOR_PAGES)) {
                Ok(picture) => picture_response(picture, None),
                Err(e) => store_failed(e).into_response(),
            },
            Err(reply) => reply.into_response(),
        };
    }
    let mut filter = ExportFilter {
        relations,
        actors: given("actor"),
        between_actors_only: false,
        articles: given("article"),
    };
    let mut truncated = false;
    if let Some(query) = first(&params, "query") {
        let token = CancellationToken::new();
        let (shared, worker_token, text) = (Arc::clone(state), token.clone(), query.to_owned());
        let mut actors = match with_deadline(state.config.query_timeout, &token, move || {
            crate::query::guarded(Some(shared.config.query_timeout), || {
                Ok(actors_in_results(&shared, text, &worker_token))
            })
            .unwrap_or_else(|e| Err(query_failed(&shared, &e)))
        }) {
            Some(Ok(actors)) => actors,
            Some(Err(reply)) => return reply.into_response(),
            None => return timed_out(state).into_response(),
        };
        if actors.len() > MAX_PICTURE_ACTORS {
            actors.truncate(MAX_PICTURE_ACTORS);
            truncated = true;
        }
        filter.actors.extend(actors);
        filter.between_actors_only = true;
        if filter.relations.is_empty() {
            filter.relations = relations_named(query);
        }
    }
    let picture = match export_svg(&state.store, &filter, Some(ACTOR_PAGES)) {
        Ok(picture) => picture,
        Err(e @ (ExportError::UnknownActor(_) | ExportError::UnknownArticle(_))) => return error(StatusCode::NOT_FOUND, e.to_string()),
        Err(e) => return store_failed(e).into_response(),
    };
    picture_response(picture, truncated.then_some(MAX_PICTURE_ACTORS))
}

fn picture_response(picture: SvgPicture, truncated_at: Option<usize>) -> HttpResponse {
    let mut answer = response(StatusCode::OK, "image/svg+xml; charset=utf-8", picture.svg);
    let headers = answer.headers_mut();
    headers.insert("x-warta-renderer", HeaderValue::from_static(picture.renderer.name()));
    headers.insert("x-warta-actors", HeaderValue::from(picture.summary.nodes));
    headers.insert("x-warta-stances", HeaderValue::from(picture.summary.edges));
    if let Some(cut) = truncated_at {
        headers.insert("x-warta-truncated", HeaderValue::from(cut));
    }
    answer
}

/// Pictures of the whole store show this many of the most active actors unless `top` says.
const DEFAULT_TOP_ACTORS: usize = 40;

/// Dates an article's `dcterms:date` must fall between (both ends included), as `YYYY-MM-DD`.
struct DateRange {
    from: Option<String>,
    to: Option<String>,
}

impl DateRange {
    fn of(from: Option<&str>, to: Option<&str>) -> Result<DateRange, String> {
        let check = |name: &str, value: Option<&str>| -> Result<Option<String>, String> {
            let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            if crate::rdf::is_iso_date(value) {
                Ok(Some(value.to_owned()))
            } else {
                Err(format!("{name}={value} is not a date: write it YYYY-MM-DD"))
            }
        };
        Ok(DateRange {
            from: check("from", from)?,
            to: check("to", to)?,
        })
    }

    fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn contains(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|from| date >= from) && self.to.as_deref().is_none_or(|to| date <= to)
    }
}

/// The stances among the `top` most active actors (the stances they take and receive, counted
/// once per article), or, with `actors`, the stances of those actors; over the whole store from
/// the summary graph, or over the articles of `range`.
fn most_active(state: &State, relations: &[Relation], actors: &[String], top: usize, range: &DateRange) -> Result<Edges, Reply> {
    let store = state.store.oxigraph();
    let relations: Vec<Relation> = if relations.is_empty() {
        Relation::ALL.into_iter().filter(|r| r.is_stance()).collect()
    } else {
        relations.to_vec()
    };
    let mut wanted = BTreeSet::new();
    for name in actors {
        let found = find_actor_nodes(state, name)?;
        if found.is_empty() {
            return Err(Reply::error(
                StatusCode::NOT_FOUND,
                ExportError::UnknownActor(name.clone()).to_string(),
            ));
        }
        wanted.extend(found);
    }
    let summary = id::summary_graph();
    let summary_graph = GraphNameRef::NamedNode(summary.as_ref());
    let mut activity: BTreeMap<NamedNode, i64> = BTreeMap::new();
    let mut edges = Edges::new();
    if range.is_open() && crate::summary::is_kept(store).map_err(store_failed)? {
        for property in [warta::STANCE_COUNT, warta::RECEIVED_STANCE_COUNT] {
            for quad in store.quads_for_pattern(None, Some(property), None, Some(summary_graph)) {
                let quad = quad.map_err(store_failed)?;
                if let (NamedOrBlankNode::NamedNode(actor), Some(count)) = (quad.subject, literal_value(&quad.object)) {
                    *activity.entry(actor).or_default() += count.parse::<i64>().unwrap_or(0);
                }
            }
        }
        let chosen = chosen_actors(&activity, &wanted, top);
        for actor in &chosen {
            // The stances it takes among the chosen (all of them for an actor asked for), and
            // for an actor asked for those it receives too.
            let roles: &[NamedNodeRef<'_>] = if wanted.contains(actor) {
                &[rdf::SUBJECT, rdf::OBJECT]
            } else {
                &[rdf::SUBJECT]
            };
            for role in roles {
                for (subject, relation, object, count) in
                    crate::summary::summarised_triples(store, Some((*role, actor.as_ref()))).map_err(store_failed)?
                {
                    if relations.contains(&relation) && (chosen.contains(&object) || wanted.contains(actor)) {
                        edges.insert((subject, relation, object), usize::try_from(count).unwrap_or(0));
                    }
                }
            }
        }
        return Ok(edges);
    }
    // A stretch of time (or a store without a summary): the articles of its dates, one by one.
    let mut all = Edges::new();
    let mut seen = BTreeSet::new();
    for quad in store.quads_for_pattern(None, Some(dcterms::DATE), None, Some(GraphNameRef::DefaultGraph)) {
        let quad = quad.map_err(store_failed)?;
        let (NamedOrBlankNode::NamedNode(article), Term::Literal(date)) = (quad.subject, quad.object) else {
            continue;
        };
        let dated = crate::summary::counted_date(&date).is_some_and(|d| range.contains(d));
        if (dated || range.is_open()) && seen.insert(article.clone()) {
            add_article_edges(state, &article, &relations, &mut all)?;
        }
    }
    if range.is_open() {
        // No dates asked and no summary kept: every article, dated or not.
        for quad in store.quads_for_pattern(None, Some(rdf::TYPE), Some(warta::ARTICLE.into()), Some(GraphNameRef::DefaultGraph)) {
            if let NamedOrBlankNode::NamedNode(article) = quad.map_err(store_failed)?.subject {
                if seen.insert(article.clone()) {
                    add_article_edges(state, &article, &relations, &mut all)?;
                }
            }
        }
    }
    for ((subject, _, object), count) in &all {
        let count = i64::try_from(*count).unwrap_or(0);
        *activity.entry(subject.clone()).or_default() += count;
        *activity.entry(object.clone()).or_default() += count;
    }
    let chosen = chosen_actors(&activity, &wanted, top);
    Ok(all
        .into_iter()
        .filter(|((s, _, o), _)| {
            if wanted.is_empty() {
                chosen.contains(s) && chosen.contains(o)
            } else {
                wanted.contains(s) || wanted.contains(o)
            }
        })
        .collect())
}

/// The `top` actors of most `activity` (ties by IRI), or the `wanted` ones when some are.
fn chosen_actors(activity: &BTreeMap<NamedNode, i64>, wanted: &BTreeSet<NamedNode>, top: usize) -> BTreeSet<NamedNode> {
    if !wanted.is_empty() {
        return wanted.clone();
    }
    let mut ranked: Vec<(&NamedNode, &i64)> = activity.iter().filter(|(_, n)| **n > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    ranked.into_iter().take(top).map(|(actor, _)| actor.clone()).collect()
}

/// Counts the stances of one article graph (if it is an article) into `edges`.
fn add_article_edges(state: &State, article: &NamedNode, relations: &[Relation], edges: &mut Edges) -> Result<(), Reply> {
    let store = state.store.oxigraph();
    let is_article = store
        .contains(QuadRef::new(
            article.as_ref(),
            rdf::TYPE,
            warta::ARTICLE,
            GraphNameRef::DefaultGraph,
        ))
        .map_err(store_failed)?;
    if !is_article {
        return Ok(());
    }
    for relation in relations {
        let graph = GraphNameRef::NamedNode(article.as_ref());
        for quad in store.quads_for_pattern(None, Some(warta::relation(*relation)), None, Some(graph)) {
            let quad = quad.map_err(store_failed)?;
            if let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) = (quad.subject, quad.object) {
                *edges.entry((subject, *relation, object)).or_default() += 1;
            }
        }
    }
    Ok(())
}

/// Actors by key, IRI, label or alternative label (folded), for the picture's actor filter.
fn find_actor_nodes(state: &State, name: &str) -> Result<BTreeSet<NamedNode>, Reply> {
    let wanted = warta_text::text::fold(name.trim());
    let mut found = BTreeSet::new();
    if let Some(key) = id::actor_key(name.trim()).or_else(|| warta_text::model::ActorKey::new(name.trim())) {
        let node = id::actor(&key);
        if state
            .store
            .oxigraph()
            .quads_for_pattern(Some(node.as_ref().into()), Some(rdf::TYPE), Some(warta::ACTOR.into()), None)
            .next()
            .is_some()
        {
            found.insert(node);
        }
    }
    let index = label_index(state).map_err(store_failed)?;
    found.extend(index.get(&wanted).into_iter().flatten().cloned());
    Ok(found)
}

/// `GET /actors?q=TEXT`: up to 20 actors whose name contains the text (folded), the most active
/// first, as `[{"key", "label", "stances"}]`, for the page's actor search.
pub fn actor_search(state: &State, request: &Request<Body>) -> HttpResponse {
    let params = url_params(request);
    let wanted = warta_text::text::fold(first(&params, "q").unwrap_or("").trim());
    if wanted.is_empty() {
        return response(StatusCode::OK, "application/json", "[]".to_owned());
    }
    let index = match label_index(state) {
        Ok(index) => index,
        Err(e) => return store_failed(e).into_response(),
    };
    let mut matches: BTreeSet<NamedNode> = BTreeSet::new();
    for (label, nodes) in &index {
        if label.contains(&wanted) {
            matches.extend(nodes.iter().cloned());
        }
    }
    let store = state.store.oxigraph();
    let mut ranked = Vec::new();
    for node in matches {
        let mut stances = 0;
        for property in [warta::STANCE_COUNT, warta::RECEIVED_STANCE_COUNT] {
            match crate::summary::count_of(store, node.as_ref(), property) {
                Ok(n) => stances += n,
                Err(e) => return store_failed(e).into_response(),
            }
        }
        ranked.push((stances, node));
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut found = Vec::new();
    for (stances, node) in ranked.into_iter().take(20) {
        let Some(key) = id::actor_key(node.as_str()) else { continue };
        let label = match describe(&state.store, &node) {
            Ok(described) => described.label,
            Err(e) => return store_failed(e).into_response(),
        };
        found.push(serde_json::json!({ "key": key.to_string(), "label": label, "stances": stances }));
    }
    response(StatusCode::OK, "application/json", serde_json::Value::Array(found).to_string())
}

/// The relations a query names (`warta:urges`, ..., or a pair count of their family such as
/// `warta:pairAppealCount`): its picture shows those alone, so that "who urged whom" draws
/// urging. A query that names none draws every relation.
fn relations_named(query: &str) -> Vec<Relation> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        if let Ok(with) = parser.clone().with_prefix(prefix, namespace) {
            parser = with;
        }
    }
    // The parsed query writes every IRI in full, whatever prefixes the text used.
    let Ok(parsed) = parser.parse_query(query) else { return Vec::new() };
    let text = parsed.to_string();
    Relation::ALL
        .into_iter()
        .filter(|r| {
            [warta::relation(*r), warta::pair_count(r.family())]
                .iter()
                .any(|named| text.contains(&format!("<{}>", named.as_str())))
        })
        .collect()
}

/// The actor IRIs a query returns: IRIs of actors, and literals that are an actor's label.
fn actors_in_results(state: &State, query: String, token: &CancellationToken) -> Result<Vec<String>, Reply> {
    let operation = Operation {
        text: query,
        default_graphs: Vec::new(),
        named_graphs: Vec::new(),
        base_iri: None,
    };
    let results = start_query(state, &operation, token).map_err(|e| query_failed(state, &e))?;
    let failed = |e: &dyn std::fmt::Display| Reply::error(StatusCode::BAD_REQUEST, format!("the query failed: {e}"));
    let mut terms = Vec::new();
    match results {
        QueryResults::Solutions(solutions) => {
            for solution in solutions.take(state.config.max_rows) {
                let solution = solution.map_err(|e| failed(&e))?;
                terms.extend(solution.values().iter().flatten().cloned());
            }
        }
        QueryResults::Graph(triples) => {
            for triple in triples.take(state.config.max_rows) {
                let triple = triple.map_err(|e| failed(&e))?;
                terms.push(triple.subject.into());
                terms.push(triple.object);
            }
        }
        QueryResults::Boolean(_) => {}
    }
    let mut labels: Option<HashMap<String, Vec<NamedNode>>> = None;
    let mut actors = BTreeSet::new();
    for term in terms {
        match term {
            Term::NamedNode(node) if id::actor_key(node.as_str()).is_some() => {
                actors.insert(node.into_string());
            }
            Term::Literal(literal) => {
                if labels.is_none() {
                    labels = Some(label_index(state).map_err(|e| Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?);
                }
                let found = labels
                    .as_ref()
                    .and_then(|index| index.get(&warta_text::text::fold(literal.value())));
                actors.extend(found.into_iter().flatten().map(|node| node.as_str().to_owned()));
            }
            _ => {}
        }
    }
    Ok(actors.into_iter().collect())
}

/// Folded label or alternative label → the actors that carry it.
fn label_index(state: &State) -> Result<HashMap<String, Vec<NamedNode>>, oxigraph::store::StorageError> {
    let mut index: HashMap<String, Vec<NamedNode>> = HashMap::new();
    for property in [rdfs::LABEL, skos::ALT_LABEL] {
        for quad in state
            .store
            .oxigraph()
            .quads_for_pattern(None, Some(property), None, Some(GraphNameRef::DefaultGraph))
        {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(node), Term::Literal(literal)) = (quad.subject, quad.object) {
                if id::actor_key(node.as_str()).is_some() {
                    index.entry(warta_text::text::fold(literal.value())).or_default().push(node);
                }
            }
        }
    }
    Ok(index)
}

/// The objects of `subject`'s `predicate` in `graph`.
fn objects(
    state: &State,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    graph: GraphNameRef<'_>,
) -> Result<Vec<Term>, Reply> {
    state
        .store
        .oxigraph()
        .quads_for_pattern(Some(subject), Some(predicate), None, Some(graph))
        .map(|quad| quad.map(|q| q.object).map_err(store_failed))
        .collect()
}

/// A link to `url` labelled `text` when it is a web address (http or https); otherwise the text
/// alone, so that a `javascript:` or `data:` IRI from an article or an upload never becomes a
/// link someone might click.
fn web_link(url: &str, text: &str, class: &str) -> String {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("http" | "https")) {
        format!("<a class=\"{class}\" href=\"{}\">{}</a>", escape_html(url), escape_html(text))
    } else {
        escape_html(text)
    }
}

fn literal_value(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(literal) => Some(literal.value()),
        _ => None,
    }
}

/// A link to an actor's page, labelled with its name.
fn actor_link(state: &State, node: &NamedNode) -> Result<String, Reply> {
    let label = describe(&state.store, node).map_err(store_failed)?.label;
    Ok(match id::actor_key(node.as_str()) {
        Some(key) => format!("<a class=\"actor\" href=\"{ACTOR_PAGES}{key}\">{}</a>", escape_html(&label)),
        None => escape_html(&label),
    })
}

/// The part of an article IRI after `…/article/`, which is also its page's path segment.
fn article_segment(node: &NamedNode) -> &str {
    node.as_str()
        .strip_prefix(id::BASE)
        .and_then(|rest| rest.strip_prefix("article/"))
        .unwrap_or(node.as_str())
}

fn article_title(state: &State, node: &NamedNode) -> Result<String, Reply> {
    let titles = objects(state, node.as_ref().into(), dcterms::TITLE, GraphNameRef::DefaultGraph)?;
    let ids = objects(state, node.as_ref().into(), dcterms::IDENTIFIER, GraphNameRef::DefaultGraph)?;
    Ok(titles
        .iter()
        .chain(&ids)
        .find_map(literal_value)
        .unwrap_or_else(|| article_segment(node))
        .to_owned())
}

/// One statement of an article graph, as pages show it.
struct StatementView {
    subject: NamedNode,
    relation: Relation,
    object: NamedNode,
    article: NamedNode,
    sentence: String,
    sentence_index: Option<usize>,
    span: Option<(usize, usize)>,
    trigger: String,
    modality: String,
}

fn relation_of(node: &NamedNode) -> Option<Relation> {
    Relation::ALL.into_iter().find(|r| warta::relation(*r) == node.as_ref())
}

/// Every statement whose `role` (`rdf:subject` or `rdf:object`) is `actor`, or, with `actor`
/// `None`, every statement of `article`.
fn statements(
    state: &State,
    role: NamedNodeRef<'_>,
    actor: Option<&NamedNode>,
    article: Option<&NamedNode>,
) -> Result<Vec<StatementView>, Reply> {
    let graph = article.map(|a| GraphNameRef::NamedNode(a.as_ref()));
    let store = state.store.oxigraph();
    let mut found = Vec::new();
    for quad in store.quads_for_pattern(None, Some(role), actor.map(|a| a.as_ref().into()), graph) {
        let quad = quad.map_err(store_failed)?;
        let oxigraph::model::GraphName::NamedNode(article) = quad.graph_name else {
            continue;
        };
        let graph = GraphNameRef::NamedNode(article.as_ref());
        let node = quad.subject.as_ref();
        let one = |predicate| -> Result<Option<Term>, Reply> { Ok(objects(state, node, predicate, graph)?.into_iter().next()) };
        let (Some(Term::NamedNode(subject)), Some(Term::NamedNode(predicate)), Some(Term::NamedNode(object))) =
            (one(rdf::SUBJECT)?, one(rdf::PREDICATE)?, one(rdf::OBJECT)?)
        else {
            continue;
        };
        let Some(relation) = relation_of(&predicate) else { continue };
        let number = |predicate| -> Result<Option<usize>, Reply> {
            Ok(one(predicate)?.as_ref().and_then(literal_value).and_then(|v| v.parse().ok()))
        };
        let text = |predicate| -> Result<String, Reply> { Ok(one(predicate)?.as_ref().and_then(literal_value).unwrap_or("").to_owned()) };
        let span = number(warta::CHAR_START)?.zip(number(warta::CHAR_END)?);
        found.push(StatementView {
            subject,
            relation,
            object,
            sentence: text(warta::SENTENCE)?,
            sentence_index: number(warta::SENTENCE_INDEX)?,
            span,
            trigger: text(warta::TRIGGER)?,
            modality: text(warta::MODALITY)?,
            article,
        });
    }
    Ok(found)
}

/// `GET /actor/{key}`: label, kind, Wikidata link, affiliations, and every stance the actor takes
/// and receives with its sentence and article.
pub fn actor(state: &State, request: &Request<Body>) -> HttpResponse {
    let path = request.uri().path();
    let key = path.trim_start_matches(ACTOR_PAGES);
    let Some(key) = warta_text::model::ActorKey::new(key) else {
        return error(StatusCode::NOT_FOUND, format!("'{key}' is not an actor key"));
    };
    let params = url_params(request);
    let page_number = match first(&params, "page").map(str::parse::<usize>) {
        None => 1,
        Some(Ok(n)) if n >= 1 => n,
        Some(_) => return error(StatusCode::BAD_REQUEST, "page= is a page number from 1"),
    };
    let node = id::actor(&key);
    match actor_page(state, &node, key.as_str(), page_number) {
        Ok(Some(body)) => html(StatusCode::OK, body),
        Ok(None) => error(StatusCode::NOT_FOUND, format!("no actor '{key}' in the store")),
        Err(reply) => reply.into_response(),
    }
}

fn actor_page(state: &State, node: &NamedNode, key: &str, page_number: usize) -> Result<Option<String>, Reply> {
    let subject: NamedOrBlankNodeRef<'_> = node.as_ref().into();
    let reference = id::reference_graph();
    let in_graph = |graph| {
        state
            .store
            .oxigraph()
            .quads_for_pattern(Some(subject), Some(rdf::TYPE), Some(warta::ACTOR.into()), Some(graph))
            .next()
            .is_some()
    };
    if !in_graph(GraphNameRef::DefaultGraph) && !in_graph(GraphNameRef::NamedNode(reference.as_ref())) {
        return Ok(None);
    }
    let described = describe(&state.store, node).map_err(store_failed)?;
    let mut body = format!("<h1 id=\"actor-label\">{}</h1>", escape_html(&described.label));
    body.push_str("<dl class=\"facts\">");
    let kind = described.kind.map_or("actor", |k| k.name());
    body.push_str(&format!("<dt>Kind</dt><dd id=\"actor-kind\">{}</dd>", escape_html(kind)));
    let mut labels = Vec::new();
    for graph in [GraphNameRef::DefaultGraph, GraphNameRef::NamedNode(reference.as_ref())] {
        for property in [rdfs::LABEL, skos::ALT_LABEL] {
            for term in objects(state, subject, property, graph)? {
                if let Term::Literal(literal) = term {
                    let shown = match literal.language() {
                        Some(language) => format!("{} ({language})", literal.value()),
                        None => literal.value().to_owned(),
                    };
                    if !labels.contains(&shown) {
                        labels.push(shown);
                    }
                }
            }
        }
    }
    body.push_str(&format!("<dt>Names</dt><dd>{}</dd>", escape_html(&labels.join(", "))));
    let mut items = BTreeSet::new();
    for graph in [GraphNameRef::DefaultGraph, GraphNameRef::NamedNode(reference.as_ref())] {
        for term in objects(state, subject, owl::SAME_AS, graph)? {
            if let Term::NamedNode(item) = term {
                items.insert(item.into_string());
            }
        }
    }
    let wikidata = if items.is_empty() {
        "not linked yet (<code>warta link</code> lists candidates)".to_owned()
    } else {
        items
            .iter()
            .map(|item| {
                let short = item.strip_prefix(id::WIKIDATA_ENTITY).unwrap_or(item);
                web_link(item, short, "wikidata")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    body.push_str(&format!("<dt>Wikidata</dt><dd>{wikidata}</dd>"));
    let mut affiliations = Vec::new();
    for (graph, property, role) in [
        (GraphNameRef::DefaultGraph, warta::PARENT, "part of"),
        (GraphNameRef::NamedNode(reference.as_ref()), warta::MEMBER_OF, "member of"),
    ] {
        for term in objects(state, subject, property, graph)? {
            if let Term::NamedNode(other) = term {
                affiliations.push(format!("{role} {}", actor_link(state, &other)?));
            }
        }
    }
    body.push_str(&format!(
        "<dt>Affiliations</dt><dd id=\"affiliations\">{}</dd></dl>",
        if affiliations.is_empty() {
            "none known".to_owned()
        } else {
            affiliations.join("; ")
        }
    ));
    for (heading, takes, id_attr) in [("Stances it takes", true, "takes"), ("Stances it receives", false, "receives")] {
        let stances = stances_of(state, node, takes)?;
        let pages = stances.len().div_ceil(STANCES_PER_PAGE).max(1);
        let shown = page_number.min(pages);
        let start = (shown - 1) * STANCES_PER_PAGE;
        let on_page = stances.get(start..(start + STANCES_PER_PAGE).min(stances.len())).unwrap_or(&[]);
        let mut found = Vec::new();
        for (relation, other, article) in on_page {
            let (subject, object) = if takes { (node, other) } else { (other, node) };
            found.extend(statements_of_triple(state, subject, *relation, object, article)?);
        }
        found.sort_by(|a, b| {
            (a.relation.name(), a.article.as_str(), a.sentence_index).cmp(&(b.relation.name(), b.article.as_str(), b.sentence_index))
        });
        body.push_str(&format!("<h2>{heading} ({})</h2>", stances.len()));
        if pages > 1 {
            body.push_str(&pager(key, id_attr, shown, pages, start, on_page.len(), stances.len()));
        }
        body.push_str(&statement_table(state, &found, id_attr, true)?);
    }
    Ok(Some(page(&described.label, &body)))
}

/// Stances an actor page shows at a time, in each of its two tables.
const STANCES_PER_PAGE: usize = 100;

/// Links to the pages before and after, for an actor with more stances than one page shows.
fn pager(key: &str, id_attr: &str, shown: usize, pages: usize, start: usize, count: usize, total: usize) -> String {
    let link = |page: usize, text: &str, rel: &str| {
        format!(
            "<a rel=\"{rel}\" href=\"{ACTOR_PAGES}{}?page={page}#{id_attr}\">{text}</a>",
            escape_html(key)
        )
    };
    let mut nav = format!(
        "<p class=\"pager\" id=\"{id_attr}-pages\">{}–{} of {total} (page {shown} of {pages})",
        start + 1,
        start + count
    );
    if shown > 1 {
        nav.push(' ');
        nav.push_str(&link(shown - 1, "previous", "prev"));
    }
    if shown < pages {
        nav.push(' ');
        nav.push_str(&link(shown + 1, "next", "next"));
    }
    nav.push_str("</p>");
    nav
}

/// The stances an actor takes (or receives): `(relation, the other actor, article)`, one per
/// article graph that states the triple, in the order of relation, article and other actor.
/// Only these light rows are gathered for all stances; the statements behind them are read for
/// the page shown.
fn stances_of(state: &State, node: &NamedNode, takes: bool) -> Result<Vec<(Relation, NamedNode, NamedNode)>, Reply> {
    let store = state.store.oxigraph();
    let mut found = Vec::new();
    for relation in Relation::ALL {
        let predicate = warta::relation(relation);
        let quads = if takes {
            store.quads_for_pattern(Some(node.as_ref().into()), Some(predicate), None, None)
        } else {
            store.quads_for_pattern(None, Some(predicate), Some(node.as_ref().into()), None)
        };
        for quad in quads {
            let quad = quad.map_err(store_failed)?;
            let oxigraph::model::GraphName::NamedNode(article) = quad.graph_name else {
                continue;
            };
            if article.as_str() == id::SUMMARY_GRAPH {
                continue;
            }
            let other = if takes {
                match quad.object {
                    Term::NamedNode(object) => object,
                    _ => continue,
                }
            } else {
                match quad.subject {
                    NamedOrBlankNode::NamedNode(subject) => subject,
                    NamedOrBlankNode::BlankNode(_) => continue,
                }
            };
            found.push((relation, other, article));
        }
    }
    found.sort_by(|a, b| (a.0.name(), a.2.as_str(), a.1.as_str()).cmp(&(b.0.name(), b.2.as_str(), b.1.as_str())));
    Ok(found)
}

/// The statements of `article` that state `subject relation object`.
fn statements_of_triple(
    state: &State,
    subject: &NamedNode,
    relation: Relation,
    object: &NamedNode,
    article: &NamedNode,
) -> Result<Vec<StatementView>, Reply> {
    Ok(statements(state, rdf::SUBJECT, Some(subject), Some(article))?
        .into_iter()
        .filter(|s| s.relation == relation && &s.object == object)
        .collect())
}

/// A table of statements: who, relation, whom, the sentence, and (with `with_article`) the article.
fn statement_table(state: &State, statements: &[StatementView], id_attr: &str, with_article: bool) -> Result<String, Reply> {
    let mut table =
        format!("<table class=\"statements\" id=\"{id_attr}\"><thead><tr><th>Actor</th><th>Relation</th><th>Party</th><th>Sentence</th>");
    if with_article {
        table.push_str("<th>Article</th>");
    }
    table.push_str("</tr></thead><tbody>");
    // An actor or article recurs in many rows: each is looked up in the store once.
    let (mut links, mut titles) = (BTreeMap::new(), BTreeMap::new());
    for statement in statements {
        let modality = if statement.modality.is_empty() || statement.modality == "asserted" {
            String::new()
        } else {
            format!(" <span class=\"modality\">({})</span>", escape_html(&statement.modality))
        };
        table.push_str(&format!(
            "<tr><td>{}</td><td class=\"relation {rel}\">{rel}{modality}</td><td>{}</td><td class=\"sentence\">{}</td>",
            cached(&mut links, &statement.subject, |node| actor_link(state, node))?,
            cached(&mut links, &statement.object, |node| actor_link(state, node))?,
            escape_html(&statement.sentence),
            rel = statement.relation.name(),
        ));
        if with_article {
            let title = cached(&mut titles, &statement.article, |node| article_title(state, node))?;
            let anchor = statement.sentence_index.map(|i| format!("#s{i}")).unwrap_or_default();
            table.push_str(&format!(
                "<td><a class=\"article\" href=\"/article/{}{anchor}\">{}</a></td>",
                escape_html(article_segment(&statement.article)),
                escape_html(&title)
            ));
        }
        table.push_str("</tr>");
    }
    table.push_str("</tbody></table>");
    Ok(table)
}

/// `compute(node)`, remembered in `cache`.
fn cached(
    cache: &mut BTreeMap<NamedNode, String>,
    node: &NamedNode,
    compute: impl FnOnce(&NamedNode) -> Result<String, Reply>,
) -> Result<String, Reply> {
    if let Some(value) = cache.get(node) {
        return Ok(value.clone());
    }
    let value = compute(node)?;
    cache.insert(node.clone(), value.clone());
    Ok(value)
}

/// `GET /article/{id}`: the article's text with the sentences that state something marked, and
/// the statements.
pub fn article(state: &State, path: &str) -> HttpResponse {
    let segment = path.trim_start_matches("/article/");
    let Ok(node) = NamedNode::new(format!("{}article/{segment}", id::BASE)) else {
        return error(StatusCode::NOT_FOUND, format!("'{segment}' is not an article id"));
    };
    match article_page(state, &node) {
        Ok(Some(body)) => html(StatusCode::OK, body),
        Ok(None) => error(StatusCode::NOT_FOUND, format!("no article '{segment}' in the store")),
        Err(reply) => reply.into_response(),
    }
}

fn article_page(state: &State, node: &NamedNode) -> Result<Option<String>, Reply> {
    let subject: NamedOrBlankNodeRef<'_> = node.as_ref().into();
    let is_article = state
        .store
        .oxigraph()
        .quads_for_pattern(
            Some(subject),
            Some(rdf::TYPE),
            Some(warta::ARTICLE.into()),
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .is_some();
    if !is_article {
        return Ok(None);
    }
    let title = article_title(state, node)?;
    let mut body = format!("<h1>{}</h1><dl class=\"facts\">", escape_html(&title));
    for (label, property) in [("Date", dcterms::DATE), ("Source", dcterms::SOURCE), ("Id", dcterms::IDENTIFIER)] {
        if let Some(value) = objects(state, subject, property, GraphNameRef::DefaultGraph)?
            .iter()
            .find_map(literal_value)
        {
            body.push_str(&format!("<dt>{label}</dt><dd>{}</dd>", escape_html(value)));
        }
    }
    for term in objects(state, subject, rdfs::SEE_ALSO, GraphNameRef::DefaultGraph)? {
        if let Term::NamedNode(url) = term {
            body.push_str(&format!(
                "<dt>Original</dt><dd>{}</dd>",
                web_link(url.as_str(), url.as_str(), "original")
            ));
        }
    }
    body.push_str(&format!(
        "<dt>Graph</dt><dd><a href=\"/store?graph={}\">{}</a></dd></dl>",
        escape_html(&form_urlencoded::byte_serialize(node.as_str().as_bytes()).collect::<String>()),
        escape_html(node.as_str())
    ));
    let mut found = statements(state, rdf::SUBJECT, None, Some(node))?;
    found.sort_by_key(|s| (s.sentence_index, s.relation.name()));
    let text = objects(state, subject, warta::TEXT, GraphNameRef::DefaultGraph)?
        .iter()
        .find_map(literal_value)
        .map(str::to_owned);
    body.push_str("<h2>Text</h2>");
    match text {
        Some(text) => body.push_str(&marked_text(&text, &found)),
        None => body.push_str("<p>This store does not keep the article's text (it was built by an older warta).</p>"),
    }
    body.push_str(&format!("<h2>Statements ({})</h2>", found.len()));
    body.push_str(&statement_table(state, &found, "statements", false)?);
    Ok(Some(page(&title, &body)))
}

/// The article's text as HTML paragraphs, each sentence that states something in a `<mark>`
/// whose title lists what it states. Offsets count characters, as the store records them.
fn marked_text(text: &str, statements: &[StatementView]) -> String {
    let mut spans: BTreeMap<(usize, usize), (Option<usize>, Vec<String>)> = BTreeMap::new();
    for statement in statements {
        if let Some(span) = statement.span {
            let entry = spans.entry(span).or_insert_with(|| (statement.sentence_index, Vec::new()));
            let summary = format!(
                "{} {} ({})",
                statement.relation.name(),
                article_actor_name(&statement.object),
                statement.trigger
            );
            entry.1.push(summary);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let slice = |from: usize, to: usize| -> String {
        chars
            .get(from.min(chars.len())..to.min(chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    let mut out = String::from("<div class=\"article-text\"><p>");
    let mut at = 0;
    let paragraphs = |piece: &str| escape_html(piece).replace("\n\n", "</p><p>").replace('\n', "<br>");
    for ((start, end), (index, summaries)) in &spans {
        if *start < at || start >= end {
            continue;
        }
        out.push_str(&paragraphs(&slice(at, *start)));
        let anchor = index.map(|i| format!(" id=\"s{i}\"")).unwrap_or_default();
        out.push_str(&format!(
            "<mark{anchor} title=\"{}\">{}</mark>",
            escape_html(&summaries.join("; ")),
            paragraphs(&slice(*start, *end))
        ));
        at = *end;
    }
    out.push_str(&paragraphs(&slice(at, chars.len())));
    out.push_str("</p></div>");
    out
}

/// An actor's key, for tooltips where a store lookup per mark would be wasteful.
fn article_actor_name(node: &NamedNode) -> String {
    id::actor_key(node.as_str()).map_or_else(|| node.as_str().to_owned(), |key| key.to_string())
}
