"""Events (data/events/): salons, Semaine de l'économie sociale, regional activities, trainings.

Site feature: the calendar component of /evenements/ (upcoming and past, by region),
one .ics per event and the subscribable /evenements/evenements.ics.

The package's ``__init__`` imports nothing, as ``jachete.kinds``'s: the events' model builder
lives in ``kinds.build`` (which imports ``events.model``) and ``events.load`` reads the events'
``Kind``; re-exporting ``load`` here would close an import cycle through the catalogue.
Import ``events.model``, ``events.load`` and ``events.page`` directly.
"""
