"""Time expressions: tagging and TimeML normalisation, the document date, event dating.

Three jobs, all pure Python over the text and the spaCy ``Doc`` the NLP stage
already made (no Java, no second parse)::

    >>> import datetime
    >>> [(t.text, t.type, t.value) for t in tag(
    ...     "The invasion began on February 24; three days later talks failed.",
    ...     doc_id="d", dct=datetime.date(2022, 3, 1), sentence_starts=[0])]
    [('February 24', 'DATE', '2022-02-24'), ('three days later', 'DATE', '2022-02-27')]

* ``tag`` finds time expressions and gives each a TimeML TIMEX3 type and value
  (``2022-02-24``, ``2021-05``, ``2010``, ``199``, ``2022-W07``, ``P3D``,
  ``PAST_REF`` ...). Relative expressions are resolved against the document
  date (DCT: "yesterday", "last month", "on Monday") or against the previous
  date of the narrative ("two days later", "the following day").
* ``infer_dct`` and ``parse_dct`` give the document date.
* ``date_event`` picks the date of one event: the time expression that governs
  its trigger in the parse, else the narrative's last date, else the DCT.

Modules: ``values`` (TimeML value arithmetic and precision), ``rules`` (one
regular expression + acceptor + normaliser per expression kind; add a kind by
adding a ``Rule`` to ``RULES``), ``tagger`` (overlaps settled longest-first,
then normalised in document order so each relative expression sees the anchor
before it), ``events`` (event dating).

Conventions (TimeML 1.2 values, with two documented choices):

* weeks ("last week") get ISO week values (``2022-W07``); their precision is
  ``month`` when the week lies in one month, else ``year`` (``PRECISIONS`` has
  no week), and ``date_event`` reports them at that precision.
* seasons (``2020-SU``), quarters (``2012-Q3``) and halves (``2013-H1``) have
  year precision; centuries (``19``) have no precision and never date an event.

Anchoring choices beyond TimeML:

* a year-less date or month takes the year of the narrative when a fronted
  "In 2014," / "On May 22, 1995," opened the passage (same paragraph, 400
  characters back at most), else the DCT's, preferring the past;
* a future cue before it in its sentence ("will meet on Monday", "scheduled
  for January 5", "until") makes a weekday, year-less date or month the coming one;
* spans follow TimeBank: approximators are in ("nearly two years"), a clock time
  and its day are one TIME ("10 p.m. Wednesday"), "the eve of X" is X minus a day.
"""

from __future__ import annotations

from .events import NARRATIVE_SENTENCES, EventDate, date_event
from .tagger import infer_dct, parse_dct, tag
from .values import FUTURE_DAYS, event_value, value_precision

__all__ = ["EventDate", "tag", "infer_dct", "parse_dct", "date_event", "event_value",
           "value_precision", "FUTURE_DAYS", "NARRATIVE_SENTENCES"]
