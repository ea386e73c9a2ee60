//! The store → files: RDF dumps in any syntax, and a picture of who takes which stance toward
//! whom (DOT, or SVG drawn by Graphviz or layout-rs), built as a petgraph graph of actors and
//! stance edges.
//!
//! Owns: filtering by relation, actor and article, and the picture's styling. Must not: call the
//! pipeline; it reads the store like any user.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::store::Store;
use crate::vocab::{id, owl, rdf, rdfs, skos, warta};
use warta_text::model::{ActorKind, Relation};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    /// The DOT picture drawn as SVG.
    Svg,
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
}

impl ExportFormat {
    /// The RDF syntax of the format; `None` for the pictures.
    fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            ExportFormat::Turtle => Some(RdfFormat::Turtle),
            ExportFormat::NTriples => Some(RdfFormat::NTriples),
            ExportFormat::NQuads => Some(RdfFormat::NQuads),
            ExportFormat::TriG => Some(RdfFormat::TriG),
            ExportFormat::RdfXml => Some(RdfFormat::RdfXml),
            ExportFormat::Dot | ExportFormat::Svg => None,
        }
    }
}

/// Which stances to export; empty lists mean all.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    pub relations: Vec<Relation>,
    /// Actors by label, alternative label, key, IRI or Wikidata id (`Rusia`, `Q159`).
    pub actors: Vec<String>,
    /// Keep only stances between two of `actors` (the picture of a query's result), rather than
    /// every stance that involves one of them.
    pub between_actors_only: bool,
    /// Article ids.
    pub articles: Vec<String>,
}

impl ExportFilter {
    fn is_empty(&self) -> bool {
        self.relations.is_empty() && self.actors.is_empty() && self.articles.is_empty()
    }

    fn keeps(&self, actors: &BTreeSet<NamedNode>, subject: &NamedNode, object: &NamedNode) -> bool {
        if self.between_actors_only {
            // Between none of them is nowhere: a query that returns no actor draws nothing.
            actors.contains(subject) && actors.contains(object)
        } else if self.actors.is_empty() {
            true
        } else {
            actors.contains(subject) || actors.contains(object)
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("no actor in the store is called '{0}': try its Indonesian or English name, its key or its Wikidata id")]
    UnknownActor(String),
    #[error("no article '{0}' in the store")]
    UnknownArticle(String),
    #[error("cannot read the store: {0}")]
    Store(#[from] oxigraph::store::StorageError),
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    pub nodes: usize,
    pub edges: usize,
    pub quads: usize,
}

/// A direct stance triple of an article graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Stance {
    subject: NamedNode,
    relation: Relation,
    object: NamedNode,
    graph: NamedNode,
}

pub fn export(store: &Store, format: ExportFormat, filter: &ExportFilter, out: &mut dyn Write) -> Result<ExportSummary, ExportError> {
    let stances = selected_stances(store, filter)?;
    match format {
        ExportFormat::Dot => write_dot(store, &stances, out),
        ExportFormat::Svg => {
            let picture = svg_of(store, &stances, None)?;
            out.write_all(picture.svg.as_bytes())?;
            Ok(picture.summary)
        }
        _ => write_rdf(store, format, filter, &stances, out),
    }
}

/// Which program drew an SVG picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SvgRenderer {
    /// Graphviz's `dot`, when it is installed: the better layout, and nodes that link.
    Graphviz,
    /// The layout-rs crate, built in.
    LayoutRs,
    /// Nothing to draw.
    Empty,
}

impl SvgRenderer {
    pub fn name(self) -> &'static str {
        match self {
            SvgRenderer::Graphviz => "graphviz",
            SvgRenderer::LayoutRs => "layout-rs",
            SvgRenderer::Empty => "none",
        }
    }
}

/// An SVG picture of stances.
#[derive(Debug, Clone)]
pub struct SvgPicture {
    pub svg: String,
    pub renderer: SvgRenderer,
    pub summary: ExportSummary,
}

/// The stance picture of `filter` as SVG. With `actor_link`, each actor links to
/// `{actor_link}{key}` (where Graphviz draws it).
pub fn export_svg(store: &Store, filter: &ExportFilter, actor_link: Option<&str>) -> Result<SvgPicture, ExportError> {
    if let Some(edges) = summary_edges(store, filter)? {
        return export_svg_of_edges(store, &edges, actor_link);
    }
    let stances = selected_stances(store, filter)?;
    svg_of(store, &stances, actor_link)
}

fn svg_of(store: &Store, stances: &[Stance], actor_link: Option<&str>) -> Result<SvgPicture, ExportError> {
    picture_of(stance_graph(store, stances)?, actor_link)
}

fn picture_of(graph: StanceGraph, actor_link: Option<&str>) -> Result<SvgPicture, ExportError> {
    let summary = ExportSummary {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        quads: 0,
    };
    if graph.node_count() == 0 {
        let svg = format!(
            r#"<svg xmlns="{}" width="320" height="40"><text x="10" y="25" font-family="sans-serif" font-size="14">No stances to draw.</text></svg>"#,
            crate::vocab::SVG_NAMESPACE
        );
        return Ok(SvgPicture {
            svg,
            renderer: SvgRenderer::Empty,
            summary,
        });
    }
    let mut dot = Vec::new();
    render_dot(&graph, actor_link, &mut dot)?;
    if let Some(svg) = graphviz_svg(&dot) {
        return Ok(SvgPicture {
            svg,
            renderer: SvgRenderer::Graphviz,
            summary,
        });
    }
    Ok(SvgPicture {
        svg: layout_rs_svg(&graph),
        renderer: SvgRenderer::LayoutRs,
        summary,
    })
}

/// `dot -Tsvg`, or `None` when Graphviz is not installed or fails.
fn graphviz_svg(dot: &[u8]) -> Option<String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Written from another thread: a large picture would fill the pipes both ways otherwise.
    let mut stdin = child.stdin.take()?;
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().ok()?;
    let written = writer.join().ok()?.is_ok();
    (written && output.status.success()).then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Draws the graph with layout-rs: boxes for countries, rounded boxes for organisations, circles
/// for people, edges coloured by relation.
fn layout_rs_svg(graph: &StanceGraph) -> String {
    use layout::backends::svg::SVGWriter;
    use layout::core::base::Orientation;
    use layout::core::color::Color;
    use layout::core::style::{LineStyleKind, StyleAttr};
    use layout::std_shapes::render::get_shape_size;
    use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
    use layout::topo::layout::VisualGraph;

    const FONT_SIZE: usize = 14;
    let mut visual = VisualGraph::new(Orientation::LeftToRight);
    let handles: Vec<_> = graph
        .node_weights()
        .map(|(_, label, kind)| {
            let (shape, rounded, fill) = match kind {
                Some(ActorKind::Person) => (ShapeKind::new_circle(label), 0, "#fdf6e3"),
                Some(ActorKind::Organization) => (ShapeKind::new_box(label), 12, "#eef5fb"),
                _ => (ShapeKind::new_box(label), 0, "#ffffff"),
            };
            // layout-rs lays shapes out in the flipped direction, as its own DOT builder does.
            let orientation = Orientation::LeftToRight.flip();
            let size = get_shape_size(orientation, &shape, FONT_SIZE, false);
            let look = StyleAttr::new(Color::fast("#333333"), 1, Some(Color::fast(fill)), rounded, FONT_SIZE);
            visual.add_node(Element::create(shape, look, orientation, size))
        })
        .collect();
    for edge in graph.edge_indices() {
        let (Some((from, to)), Some((relation, weight))) = (graph.edge_endpoints(edge), graph.edge_weight(edge)) else {
            continue;
        };
        let (colour, directed) = edge_style(*relation);
        let look = StyleAttr::new(Color::fast(colour), 1 + (*weight).min(5), None, 0, FONT_SIZE - 2);
        let start = if directed { LineEndKind::None } else { LineEndKind::Arrow };
        let arrow = Arrow::new(
            start,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            relation.name(),
            &look,
            &None,
            &None,
        );
        if let (Some(&from), Some(&to)) = (handles.get(from.index()), handles.get(to.index())) {
            visual.add_edge(arrow, from, to);
        }
    }
    let mut writer = SVGWriter::new();
    visual.do_it(false, false, false, &mut writer);
    writer.finalize()
}

fn article_graphs(store: &Store) -> Result<BTreeSet<NamedNode>, ExportError> {
    let mut graphs = BTreeSet::new();
    for quad in store
        .oxigraph()
        .quads_for_pattern(None, Some(rdf::TYPE), Some(warta::ARTICLE.into()), Some(GraphNameRef::DefaultGraph))
    {
        if let NamedOrBlankNode::NamedNode(node) = quad?.subject {
            graphs.insert(node);
        }
    }
    Ok(graphs)
}

fn selected_stances(store: &Store, filter: &ExportFilter) -> Result<Vec<Stance>, ExportError> {
    let mut graphs = article_graphs(store)?;
    if !filter.articles.is_empty() {
        let mut chosen = BTreeSet::new();
        for article in &filter.articles {
            let node = id::article(article);
            if !graphs.contains(&node) {
                return Err(ExportError::UnknownArticle(article.clone()));
            }
            chosen.insert(node);
        }
        graphs = chosen;
    }
    let actors = named_actors(store, &filter.actors)?;
    let relations: Vec<Relation> = if filter.relations.is_empty() {
        Relation::ALL.to_vec()
    } else {
        filter.relations.clone()
    };
    let mut stances = Vec::new();
    for graph in &graphs {
        for relation in &relations {
            let pattern = store.oxigraph().quads_for_pattern(
                None,
                Some(warta::relation(*relation)),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            );
            for quad in pattern {
                let quad = quad?;
                let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) = (quad.subject, quad.object) else {
                    continue;
                };
                if filter.keeps(&actors, &subject, &object) {
                    stances.push(Stance {
                        subject,
                        relation: *relation,
                        object,
                        graph: graph.clone(),
                    });
                }
            }
        }
    }
    stances.sort();
    Ok(stances)
}

/// Actors whose key, Wikidata id, label or alternative label is `name` (folded).
fn find_actors(store: &Store, name: &str) -> Result<BTreeSet<NamedNode>, ExportError> {
    let mut found = BTreeSet::new();
    if let Some(key) = id::actor_key(name.trim()) {
        found.insert(id::actor(&key));
        return Ok(found);
    }
    let wanted = warta_text::text::fold(name.trim());
    if let Some(key) = warta_text::model::ActorKey::new(&wanted) {
        let node = id::actor(&key);
        if store
            .oxigraph()
            .quads_for_pattern(Some(node.as_ref().into()), Some(rdf::TYPE), Some(warta::ACTOR.into()), None)
            .next()
            .is_some()
        {
            found.insert(node);
        }
    }
    for property in [rdfs::LABEL, skos::ALT_LABEL, owl::SAME_AS] {
        for quad in store.oxigraph().quads_for_pattern(None, Some(property), None, None) {
            let quad = quad?;
            let value = match &quad.object {
                Term::Literal(literal) => warta_text::text::fold(literal.value()),
                Term::NamedNode(node) => node
                    .as_str()
                    .strip_prefix(id::WIKIDATA_ENTITY)
                    .map(warta_text::text::fold)
                    .unwrap_or_default(),
                _ => continue,
            };
            if value == wanted {
                if let NamedOrBlankNode::NamedNode(node) = quad.subject {
                    if id::actor_key(node.as_str()).is_some() {
                        found.insert(node);
                    }
                }
            }
        }
    }
    Ok(found)
}

fn write_rdf(
    store: &Store,
    format: ExportFormat,
    filter: &ExportFilter,
    stances: &[Stance],
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let rdf_format = format.rdf_format().unwrap_or(RdfFormat::Turtle);
    let quads = if filter.is_empty() {
        store.oxigraph().iter().collect::<Result<Vec<_>, _>>()?
    } else {
        quads_of(store, stances)?
    };
    let mut serializer = crate::query::prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut *out);
    let mut written = std::collections::HashSet::new();
    for quad in &quads {
        if rdf_format.supports_datasets() {
            serializer.serialize_quad(quad)?;
            written.insert(quad.clone());
        } else {
            // A triple syntax has no graphs: the dataset is written as the union of its graphs.
            let flat = Quad::new(
                quad.subject.clone(),
                quad.predicate.clone(),
                quad.object.clone(),
                GraphName::DefaultGraph,
            );
            if written.insert(flat.clone()) {
                serializer.serialize_triple(flat.as_ref())?;
            }
        }
    }
    serializer.finish()?;
    Ok(ExportSummary {
        nodes: 0,
        edges: stances.len(),
        quads: written.len(),
    })
}

/// The quads that describe a selection: the stance triples, their statements, the articles and
/// the actors.
fn quads_of(store: &Store, stances: &[Stance]) -> Result<Vec<Quad>, ExportError> {
    let mut quads = Vec::new();
    let mut actors = BTreeSet::new();
    let mut articles = BTreeSet::new();
    for stance in stances {
        let graph = GraphNameRef::NamedNode(stance.graph.as_ref());
        quads.push(Quad::new(
            stance.subject.clone(),
            warta::relation(stance.relation),
            stance.object.clone(),
            stance.graph.clone(),
        ));
        for statement in store
            .oxigraph()
            .quads_for_pattern(None, Some(rdf::SUBJECT), Some(stance.subject.as_ref().into()), Some(graph))
        {
            let statement = statement?.subject;
            let predicate_matches = store.oxigraph().contains(oxigraph::model::QuadRef::new(
                statement.as_ref(),
                rdf::PREDICATE,
                warta::relation(stance.relation),
                graph,
            ))?;
            let object_matches = store.oxigraph().contains(oxigraph::model::QuadRef::new(
                statement.as_ref(),
                rdf::OBJECT,
                stance.object.as_ref(),
                graph,
            ))?;
            if predicate_matches && object_matches {
                for quad in store
                    .oxigraph()
                    .quads_for_pattern(Some(statement.as_ref()), None, None, Some(graph))
                {
                    quads.push(quad?);
                }
            }
        }
        actors.insert(stance.subject.clone());
        actors.insert(stance.object.clone());
        articles.insert(stance.graph.clone());
    }
    for node in actors.iter().chain(&articles) {
        for quad in store
            .oxigraph()
            .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(GraphNameRef::DefaultGraph))
        {
            quads.push(quad?);
        }
    }
    Ok(quads)
}

/// An actor as a node of the picture (and as the title of its page).
pub(crate) struct ActorNode {
    pub(crate) label: String,
    pub(crate) kind: Option<ActorKind>,
}

/// The label people read (Indonesian first, then English, then the key) and the kind of an actor.
pub(crate) fn describe(store: &Store, node: &NamedNode) -> Result<ActorNode, oxigraph::store::StorageError> {
    let mut labels = BTreeMap::new();
    for quad in store.oxigraph().quads_for_pattern(
        Some(node.as_ref().into()),
        Some(rdfs::LABEL),
        None,
        Some(GraphNameRef::DefaultGraph),
    ) {
        if let Term::Literal(literal) = quad?.object {
            labels.insert(literal.language().unwrap_or("").to_owned(), literal.value().to_owned());
        }
    }
    let label = labels
        .get("id")
        .or_else(|| labels.get("en"))
        .or_else(|| labels.values().next())
        .cloned()
        .unwrap_or_else(|| id::actor_key(node.as_str()).map_or_else(|| node.as_str().to_owned(), |k| k.to_string()));
    let mut kind = None;
    for (class, actor_kind) in [
        (warta::COUNTRY, ActorKind::Country),
        (warta::ORGANIZATION, ActorKind::Organization),
        (warta::PERSON, ActorKind::Person),
    ] {
        if store.oxigraph().contains(oxigraph::model::QuadRef::new(
            node.as_ref(),
            rdf::TYPE,
            class,
            GraphNameRef::DefaultGraph,
        ))? {
            kind = Some(actor_kind);
        }
    }
    Ok(ActorNode { label, kind })
}

/// The GraphViz attributes of a relation: its colour and whether it has a direction.
fn edge_style(relation: Relation) -> (&'static str, bool) {
    let colour = match relation {
        Relation::Urges => "#1f77b4",
        Relation::Supports => "#2ca02c",
        Relation::Condemns => "#d62728",
        Relation::Criticizes => "#ff7f0e",
        Relation::Accuses => "#8c564b",
        Relation::Warns => "#9467bd",
        Relation::Mediates => "#17becf",
        Relation::TalksWith => "#7f7f7f",
        Relation::AllyOf => "#bcbd22",
        Relation::AffiliatedWith => "#c7c7c7",
    };
    (colour, !relation.is_symmetric())
}

fn node_shape(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Country) => "box",
        Some(ActorKind::Organization) => "hexagon",
        Some(ActorKind::Person) => "ellipse",
        None => "plaintext",
    }
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// One node per actor (its IRI, label and kind), one edge per (subject, relation, object)
/// weighted by the number of articles that state it.
type StanceGraph = DiGraph<(NamedNode, String, Option<ActorKind>), (Relation, usize)>;

fn stance_graph(store: &Store, stances: &[Stance]) -> Result<StanceGraph, ExportError> {
    let mut weights: BTreeMap<(NamedNode, Relation, NamedNode), BTreeSet<NamedNode>> = BTreeMap::new();
    for stance in stances {
        weights
            .entry((stance.subject.clone(), stance.relation, stance.object.clone()))
            .or_default()
            .insert(stance.graph.clone());
    }
    let edges: Edges = weights.into_iter().map(|(triple, articles)| (triple, articles.len())).collect();
    graph_of_edges(store, &edges)
}

/// Stance edges: `(subject, relation, object)` → the number of articles that state it.
pub type Edges = BTreeMap<(NamedNode, Relation, NamedNode), usize>;

fn graph_of_edges(store: &Store, edges: &Edges) -> Result<StanceGraph, ExportError> {
    let mut graph = DiGraph::new();
    let mut nodes: BTreeMap<NamedNode, NodeIndex> = BTreeMap::new();
    let actors: BTreeSet<&NamedNode> = edges.keys().flat_map(|(s, _, o)| [s, o]).collect();
    for actor in actors {
        let described = describe(store, actor)?;
        nodes.insert(actor.clone(), graph.add_node((actor.clone(), described.label, described.kind)));
    }
    for ((subject, relation, object), articles) in edges {
        if let (Some(&from), Some(&to)) = (nodes.get(subject), nodes.get(object)) {
            graph.add_edge(from, to, (*relation, *articles));
        }
    }
    Ok(graph)
}

/// The picture of stance edges already counted (the page's most active actors), as SVG.
pub fn export_svg_of_edges(store: &Store, edges: &Edges, actor_link: Option<&str>) -> Result<SvgPicture, ExportError> {
    picture_of(graph_of_edges(store, edges)?, actor_link)
}

/// The actors `names` name (keys, IRIs or labels), each name at least one.
fn named_actors(store: &Store, names: &[String]) -> Result<BTreeSet<NamedNode>, ExportError> {
    let mut actors = BTreeSet::new();
    for name in names {
        let found = find_actors(store, name)?;
        if found.is_empty() {
            return Err(ExportError::UnknownActor(name.clone()));
        }
        actors.extend(found);
    }
    Ok(actors)
}

/// The edges of `filter` read from the summary graph, which counts each triple's articles once
/// for the whole store: `None` when the filter names articles or the store keeps no summary.
fn summary_edges(store: &Store, filter: &ExportFilter) -> Result<Option<Edges>, ExportError> {
    if !filter.articles.is_empty() || !crate::summary::is_kept(store.oxigraph())? {
        return Ok(None);
    }
    let actors = named_actors(store, &filter.actors)?;
    if filter.between_actors_only && actors.is_empty() {
        return Ok(Some(Edges::new()));
    }
    let relations: Vec<Relation> = if filter.relations.is_empty() {
        Relation::ALL.to_vec()
    } else {
        filter.relations.clone()
    };
    let mut triples = Vec::new();
    if actors.is_empty() {
        triples = crate::summary::summarised_triples(store.oxigraph(), None)?;
    } else {
        for actor in &actors {
            for role in [rdf::SUBJECT, rdf::OBJECT] {
                triples.extend(crate::summary::summarised_triples(store.oxigraph(), Some((role, actor.as_ref())))?);
            }
        }
    }
    let mut edges = Edges::new();
    for (subject, relation, object, articles) in triples {
        if relations.contains(&relation) && filter.keeps(&actors, &subject, &object) {
            edges.insert((subject, relation, object), usize::try_from(articles).unwrap_or(0));
        }
    }
    Ok(Some(edges))
}

/// Renders the stance graph of `stances` as DOT that `dot -Tsvg` draws.
fn write_dot(store: &Store, stances: &[Stance], out: &mut dyn Write) -> Result<ExportSummary, ExportError> {
    let graph = stance_graph(store, stances)?;
    render_dot(&graph, None, out)?;
    Ok(ExportSummary {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        quads: 0,
    })
}

/// DOT text for a stance graph, with stable node ids (`0`, `1`, ... in key order); with
/// `actor_link`, nodes link to `{actor_link}{key}`.
fn render_dot(graph: &StanceGraph, actor_link: Option<&str>, out: &mut dyn Write) -> std::io::Result<()> {
    let node_attributes = |_, (_, (node, label, kind)): (NodeIndex, &(NamedNode, String, Option<ActorKind>))| {
        let link = match (actor_link, id::actor_key(node.as_str())) {
            (Some(base), Some(key)) => format!(" href=\"{}{key}\" target=\"_top\"", escape(base)),
            _ => String::new(),
        };
        format!(
            "label=\"{}\" shape={} tooltip=\"{}\"{link}",
            escape(label),
            node_shape(*kind),
            escape(node.as_str())
        )
    };
    let dot = petgraph::dot::Dot::with_attr_getters(
        graph,
        &[
            petgraph::dot::Config::EdgeNoLabel,
            petgraph::dot::Config::NodeNoLabel,
            petgraph::dot::Config::GraphContentOnly,
        ],
        &|_, edge| {
            let (relation, weight) = edge.weight();
            let (colour, directed) = edge_style(*relation);
            format!(
                "label=\"{}\" color=\"{colour}\" fontcolor=\"{colour}\" penwidth={} weight={weight}{}",
                relation.name(),
                1 + weight.min(&5),
                if directed { "" } else { " dir=both" }
            )
        },
        &node_attributes,
    );
    // Left to right: many actors facing a few parties stack up instead of spreading out, which
    // suits a page column and a screen.
    writeln!(
        out,
        "digraph {{\n    rankdir=LR\n    node [fontname=\"sans-serif\" fontsize=11]\n    edge [fontname=\"sans-serif\" fontsize=9]\n{dot:?}}}"
    )
}

/// Writes the quads of one article (for `warta extract`); triple syntaxes get the graphs merged.
pub fn write_quads(quads: &crate::rdf::ArticleQuads, format: ExportFormat, out: &mut dyn Write) -> std::io::Result<()> {
    let rdf_format = format.rdf_format().unwrap_or(RdfFormat::Turtle);
    let mut serializer = crate::query::prefixed(RdfSerializer::from_format(rdf_format)).for_writer(out);
    for quad in quads.all() {
        if rdf_format.supports_datasets() {
            serializer.serialize_quad(quad)?;
        } else {
            serializer.serialize_triple(oxigraph::model::TripleRef::new(&quad.subject, &quad.predicate, &quad.object))?;
        }
    }
    serializer.finish()?;
    Ok(())
}
