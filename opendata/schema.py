"""The open datasets' fields: one definition that the CSV and JSON files, the datapackage.json
and the documentation page are all made from, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from budget_portal.models import MilestoneKind
from proposals.models import PUBLIC_STATUSES, Kind, ServiceFrame

# Table Schema types, as the documentation page names them.
TYPE_NAMES = {
    "string": _("tekst"),
    "integer": _("heltal"),
    "number": _("decimaltal (punktum)"),
    "boolean": _("true/false"),
    "date": _("dato, fx 2026-09-01"),
    "time": _("klokkeslæt, fx 12:00:00"),
    "datetime": _("tidspunkt i UTC, fx 2026-09-01T10:00:00Z"),
    "year": _("år, fx 2026"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    # The Fiscal Data Package's columnType, where one fits (amounts, year, classifications).
    column_type: str = ""

    @property
    def type_name(self) -> str:
        return str(TYPE_NAMES[self.type])

    def table_schema(self) -> dict:
        field: dict = {"name": self.name, "type": self.type, "description": str(self.description)}
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = [str(v) for v in self.enum]
        if constraints:
            field["constraints"] = constraints
        if self.column_type:
            field["columnType"] = self.column_type
        return field


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    name: str  # the file's stem and the resource's name in datapackage.json
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def table_schema(self) -> dict:
        schema: dict = {"fields": [f.table_schema() for f in self.fields], "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(fk.fields),
                    "reference": {"resource": fk.resource, "fields": list(fk.reference)},
                }
                for fk in self.foreign_keys
            ]
        return schema


STATUS_VALUES = tuple(str(s.value) for s in PUBLIC_STATUSES)
KIND_LABELS = tuple(Kind.labels)
FRAME_LABELS = tuple(label for value, label in ServiceFrame.choices if value)
MILESTONE_LABELS = tuple(MilestoneKind.labels)

ADMINISTRATIVE = "administrative-classification:generic:label"
_NUMBER = Field(
    "nummer", "string", _("Forslagets nummer, fx T101; entydigt i budgetåret."), required=True
)
_CARD_DIMENSIONS = (
    Field("titel", "string", _("Forslagets titel."), required=True),
    Field(
        "type",
        "string",
        _("Forslagets type; bogstavet foran nummeret."),
        required=True,
        enum=KIND_LABELS,
    ),
    Field(
        "status",
        "string",
        _(
            "Forslagets status: frigivet (til politikerne, endnu ikke afgjort), vedtaget eller "
            "forkastet. "
            "Kladder, indsendte og trukne forslag offentliggøres ikke."
        ),
        required=True,
        enum=STATUS_VALUES,
    ),
    Field(
        "udvalg",
        "string",
        _("Det fagudvalg, forslaget hører under."),
        required=True,
        column_type=ADMINISTRATIVE,
    ),
    Field(
        "afdeling",
        "string",
        _("Den afdeling, der har skrevet forslaget."),
        required=True,
        column_type=ADMINISTRATIVE,
    ),
    Field(
        "serviceramme",
        "string",
        _("Om forslaget ligger inden for servicerammen: Ja, Nej eller Delvis; tom: ikke oplyst."),
        enum=FRAME_LABELS,
    ),
    Field("prisniveau", "year", _("Det år, hvis priser beløbene er opgjort i."), required=True),
)

PROPOSALS = Dataset(
    name="forslag",
    title=_("Budgetforslag"),
    description=_(
        "Ét forslag (kort) pr. række, som i kataloget. Beløbene pr. år står i forslag-aar; "
        "i JSON-filen også under hvert forslag som listen aar."
    ),
    fields=(
        _NUMBER,
        *_CARD_DIMENSIONS,
        Field(
            "serviceramme_bemaerkning",
            "string",
            _("Kortets egen ordlyd om servicerammen, når den ikke er et rent Ja eller Nej."),
        ),
        Field(
            "ivaerksaettelse", "date", _("Iværksættelsestidspunkt; tom, hvis det ikke er oplyst.")
        ),
        Field(
            "note_om_tal",
            "string",
            _("Note, når tallene endnu mangler (fx “Opdateres med tal i juni.”)."),
        ),
        Field(
            "sidst_aendret", "datetime", _("Hvornår forslaget sidst blev ændret."), required=True
        ),
        Field("url", "string", _("Forslagets side i budgetportalen."), required=True),
    ),
    primary_key=("nummer",),
)

PROPOSAL_YEARS = Dataset(
    name="forslag-aar",
    title=_("Budgetforslagenes beløb pr. år"),
    description=_(
        "Én række pr. forslag og år: udgifter, indtægter, netto og årsværk, med forslagets "
        "kendetegn gentaget, så filen kan bruges alene (fx i en pivottabel). Fortegn som på "
        "kortene: + er merudgift/mindreindtægt, - er mindreudgift/merindtægt."
    ),
    fields=(
        _NUMBER,
        Field(
            "aar",
            "year",
            _("Budgetåret (regnskabsåret), som tallene gælder."),
            required=True,
            column_type="date:fiscal-year",
        ),
        Field(
            "udgifter",
            "integer",
            _("Udgifter i hele kroner; tom, hvis beløbet endnu ikke kendes."),
            column_type="value",
        ),
        Field(
            "indtaegter",
            "integer",
            _("Indtægter (negative) i hele kroner; tom, hvis beløbet endnu ikke kendes."),
            column_type="value",
        ),
        Field(
            "netto",
            "integer",
            _("Netto = udgifter + indtægter i hele kroner; tom, hvis en af dem mangler."),
            column_type="value",
        ),
        Field("aarsvaerk", "number", _("Årsværk (fuldtidsstillinger); tom, hvis ukendt.")),
        Field(
            "netto_faelles_prisniveau",
            "integer",
            _(
                "Netto omregnet fra forslagets prisniveau til budgetårets fælles prisniveau "
                "med pris- og lønindekset, i hele kroner afrundet halvt op; tom, hvis nettoet "
                "mangler eller indekset ikke dækker begge år."
            ),
            column_type="value",
        ),
        Field(
            "faelles_prisniveau",
            "year",
            _("Budgetårets fælles prisniveau: det år, hvis priser den omregnede netto er i."),
            required=True,
        ),
        *_CARD_DIMENSIONS,
    ),
    primary_key=("nummer", "aar"),
    foreign_keys=(ForeignKey(("nummer",), "forslag", ("nummer",)),),
)

PHASES = Dataset(
    name="faser",
    title=_("Budgetprocessens faser"),
    description=_("Budgetkalenderens faser i rækkefølge."),
    fields=(
        Field(
            "nummer",
            "integer",
            _("Fasens nummer; faserne følger hinanden i den orden."),
            required=True,
        ),
        Field("navn", "string", _("Fasens navn, fx “Afklaring og kvalificering”."), required=True),
        Field("beskrivelse", "string", _("Hvad der sker i fasen.")),
    ),
    primary_key=("nummer",),
)

CALENDAR = Dataset(
    name="kalender",
    title=_("Budgetkalender"),
    description=_(
        "Budgetkalenderens aktiviteter: frister, møder, høringsperioder, seminarer og "
        "offentliggørelser, ordnet efter dato."
    ),
    fields=(
        Field(
            "fase_nummer", "integer", _("Nummeret på den fase, aktiviteten hører til; tom: ingen.")
        ),
        Field("type", "string", _("Aktivitetens art."), required=True, enum=MILESTONE_LABELS),
        Field("titel", "string", _("Aktivitetens titel."), required=True),
        Field("tekst", "string", _("Uddybende tekst.")),
        Field("hvem", "string", _("Hvem der handler, fx Økonomiudvalget, byrådet.")),
        Field("fra", "date", _("Første dag (eller dagen)."), required=True),
        Field("til", "date", _("Sidste dag, når aktiviteten strækker sig over flere dage.")),
        Field("klokkeslaet", "time", _("Klokkeslæt (dansk tid), når det er fastlagt.")),
        Field(
            "kun_maaned", "boolean", _("true: datoen er kun fastlagt til måneden."), required=True
        ),
        Field("dato_tekst", "string", _("Datoen som i kommunens tidsplan, fx 14/6-9/8 eller Maj.")),
        Field(
            "i_tidsplan",
            "boolean",
            _("true: står som række i den samlede tidsplan."),
            required=True,
        ),
    ),
    foreign_keys=(ForeignKey(("fase_nummer",), "faser", ("nummer",)),),
)

HEARINGS = Dataset(
    name="hoeringer",
    title=_("Høringer"),
    description=_("Budgetårets offentlige høringer med periode og de forslag, de omfatter."),
    fields=(
        Field(
            "kortnavn", "string", _("Høringens entydige kortnavn (også i adressen)."), required=True
        ),
        Field("titel", "string", _("Høringens titel."), required=True),
        Field("tekst", "string", _("Høringens tekst.")),
        Field("aabner", "datetime", _("Hvornår høringen åbner for svar."), required=True),
        Field("lukker", "datetime", _("Hvornår fristen for svar udløber."), required=True),
        Field(
            "svar_offentliggoeres",
            "boolean",
            _("true: svar med samtykke offentliggøres, når kommunen har godkendt dem."),
            required=True,
        ),
        Field(
            "forslag",
            "string",
            _("Numrene på de offentlige forslag i høringen, adskilt af mellemrum."),
        ),
        Field(
            "antal_offentliggjorte_svar", "integer", _("Antal offentliggjorte svar."), required=True
        ),
        Field("url", "string", _("Høringens side i budgetportalen."), required=True),
    ),
    primary_key=("kortnavn",),
)

RESPONSES = Dataset(
    name="hoeringssvar",
    title=_("Offentliggjorte høringssvar"),
    description=_(
        "Kun svar, hvor afsenderen har givet samtykke, og som kommunen har offentliggjort; "
        "teksten er den offentliggjorte (eventuelt redigerede). E-mailadresser, bilag og "
        "upublicerede svar er aldrig med."
    ),
    fields=(
        Field("hoering", "string", _("Høringens kortnavn (se hoeringer)."), required=True),
        Field("nummer", "integer", _("Svarets nummer i høringen."), required=True),
        Field(
            "afsender",
            "string",
            _("Afsenderen, som på høringens side: organisationen, ellers navnet."),
        ),
        Field("modtaget", "date", _("Datoen, svaret blev modtaget."), required=True),
        Field(
            "forslag",
            "string",
            _("Numrene på de forslag, svaret handler om, adskilt af mellemrum."),
        ),
        Field("tekst", "string", _("Svarets offentliggjorte tekst.")),
        Field("url", "string", _("Svaret på høringens side i budgetportalen."), required=True),
    ),
    primary_key=("hoering", "nummer"),
    foreign_keys=(ForeignKey(("hoering",), "hoeringer", ("kortnavn",)),),
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (PROPOSALS, PROPOSAL_YEARS, PHASES, CALENDAR, HEARINGS, RESPONSES)
}
