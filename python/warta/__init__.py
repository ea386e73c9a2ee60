"""warta's extraction in Python: Indonesian news in, stance statements out.

>>> import warta
>>> extractor = warta.Extractor()          # loads the lexicon once; share it, it is thread-safe
>>> rows = extractor.extract("Kanada mengecam Rusia.", id="a1", date="2024-03-01")
>>> [(r["subject"]["key"], r["relation"], r["object"]["key"]) for r in rows]
[('canada', 'condemns', 'russia')]
>>> nquads = extractor.to_nquads("Kanada mengecam Rusia.", id="a1")   # what `warta extract` writes for it

Each statement is a dict: ``subject`` and ``object`` (``key``, ``label``, ``label_en``, ``kind``,
``wikidata``), ``relation``, ``sentence``, ``sentence_index``, ``char_start``, ``char_end``
(characters, end exclusive), ``trigger``, ``date``, ``modality``, ``confidence``, ``rule``, and
the article's ``article_id``, ``title``, ``source`` and ``article_date``. Extraction releases the
GIL, so a thread pool uses every core.
"""

from warta._warta import Extractor, __version__

__all__ = ["Extractor", "__version__"]
