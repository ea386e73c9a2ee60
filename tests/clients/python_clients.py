"""Drives `warta serve` with the Python clients people use: SPARQLWrapper and rdflib's SPARQLStore.

Run by tests/it/clients.rs with the endpoint's base URL; prints one line per check and exits
non-zero on the first that fails.
"""
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

base = sys.argv[1]
endpoint = base + "/query"


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name}: {detail}")
        sys.exit(1)
    print(f"ok {name}")


wrapper = SPARQLWrapper(endpoint)
wrapper.setQuery("SELECT ?label WHERE { actor:azerbaijan rdfs:label ?label } ORDER BY ?label")
wrapper.setReturnFormat(JSON)
labels = [row["label"]["value"] for row in wrapper.query().convert()["results"]["bindings"]]
check("SPARQLWrapper SELECT as JSON", "Azerbaijan" in labels, labels)

wrapper.setReturnFormat(XML)
document = wrapper.query().convert()
check("SPARQLWrapper SELECT as XML", "Azerbaijan" in document.toxml(), document.toxml()[:300])

wrapper.setReturnFormat(CSV)
csv = wrapper.query().convert().decode("utf-8")
check("SPARQLWrapper SELECT as CSV", csv.splitlines()[0] == "label", csv[:200])

wrapper.setQuery("ASK { GRAPH ?g { actor:colonna warta:condemns actor:azerbaijan } }")
wrapper.setReturnFormat(JSON)
check("SPARQLWrapper ASK", wrapper.query().convert()["boolean"] is True)

wrapper.setQuery("CONSTRUCT { <s> <p> ?l } WHERE { actor:azerbaijan rdfs:label ?l }")
wrapper.setReturnFormat(TURTLE)
graph = rdflib.Graph().parse(data=wrapper.query().convert(), format="turtle")
subjects = {str(s) for s in graph.subjects()}
check("SPARQLWrapper CONSTRUCT with relative IRIs", subjects == {endpoint.rsplit("/", 1)[0] + "/s"}, subjects)

wrapper.setMethod("POST")
wrapper.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a warta:urges ?b } }")
wrapper.setReturnFormat(JSON)
count = int(wrapper.query().convert()["results"]["bindings"][0]["n"]["value"])
check("SPARQLWrapper POST", count > 5, count)

store = rdflib.Graph(store=SPARQLStore(endpoint))
rows = list(store.query("SELECT ?p WHERE { <https://w3id.org/warta/id/actor/azerbaijan> ?p ?o } LIMIT 3"))
check("rdflib SPARQLStore", len(rows) == 3, rows)

article = "https://w3id.org/warta/id/article/001_2c12a08885d138fe"
downloaded = rdflib.Graph().parse(base + "/store?graph=" + article.replace(":", "%3A").replace("/", "%2F"))
check("rdflib reads an article graph from the Graph Store", len(downloaded) > 10, len(downloaded))

truncated = SPARQLWrapper(endpoint)
truncated.setQuery("SELECT * WHERE { ?s ?p ?o }")
truncated.setReturnFormat(JSON)
response = truncated.query()
check("the row cap is in a header", response.info().get("x-warta-truncated") == "5", dict(response.info()))
