"""Course data sets, loaded by name, with their schemas checked.

``load_dataset(name)`` works like seaborn's: a name, never a path, and
nothing is read until it is called. Each data set's file, source and schema
are listed in ``datasets/README.md``.

Every transaction table the course hands out has the same *course schema*:

===============  ==============  ===========================================
column           dtype           meaning
===============  ==============  ===========================================
``customer_id``  str             who bought
``order_id``     str             the invoice / order the line belongs to
``date``         datetime64      when the order was placed
``quantity``     int64           units on the line (> 0 after cleaning)
``unit_price``   float64         price per unit (> 0 after cleaning)
``amount``       float64         ``quantity * unit_price``
===============  ==============  ===========================================

Examples
--------
>>> from course import load_dataset
>>> tx = load_dataset("retail_small")
>>> list(tx.columns[:6])
['customer_id', 'order_id', 'date', 'quantity', 'unit_price', 'amount']
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

TRANSACTION_COLUMNS = ("customer_id", "order_id", "date", "quantity", "unit_price", "amount")


class DatasetError(ValueError):
    """A data file or table does not match its schema; the message names where."""


@dataclass(frozen=True)
class DatasetInfo:
    """What the course knows about one data set."""

    name: str
    file: str | None
    description: str


DATASETS: dict[str, DatasetInfo] = {
    "online_retail": DatasetInfo(
        "online_retail", "online_retail.csv.gz",
        "UCI Online Retail, cleaned, in the course schema (plus stock_code, description, "
        "country)."),
    "online_retail_raw": DatasetInfo(
        "online_retail_raw", "online_retail.csv.gz",
        "UCI Online Retail exactly as shipped: 541,909 rows, original column names."),
    "cdnow": DatasetInfo(
        "cdnow", "cdnow_master.txt.gz",
        "CDNOW cohort: 23,570 customers' purchases 1997-01 to 1998-06, in the course schema."),
    "cdnow_sample": DatasetInfo(
        "cdnow_sample", "cdnow_sample.txt.gz",
        "CDNOW 1/10 sample of Fader, Hardie and Lee (2005): 2,357 customers, in the course "
        "schema (plus sample_id)."),
    "retail_small": DatasetInfo(
        "retail_small", None,
        "Synthetic transactions of 200 customers from a seeded generator (seed 0)."),
    "leads_small": DatasetInfo(
        "leads_small", None, "Synthetic sales leads for MAN qualification (seed 0)."),
}

#: What reading a damaged file can raise: a bad gzip header (OSError), a truncated
#: gzip stream (EOFError), corrupt compressed data (zlib.error), bad text or CSV.
_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, pd.errors.ParserError)

RAW_RETAIL_COLUMNS = ("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                      "UnitPrice", "CustomerID", "Country")


def data_dir() -> Path:
    """Return the folder that holds the course's data files.

    ``CRM_COURSE_DATA`` overrides it; otherwise the ``datasets/`` folder of the
    source tree is used.

    Examples
    --------
    >>> (data_dir() / "README.md").exists()
    True
    """
    override = os.environ.get("CRM_COURSE_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1] / "datasets"


def list_datasets() -> list[str]:
    """Return the names :func:`load_dataset` accepts.

    Examples
    --------
    >>> "online_retail" in list_datasets()
    True
    """
    return sorted(DATASETS)


def load_dataset(name: str, **kwargs) -> pd.DataFrame:
    """Load a course data set by name.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.
    **kwargs
        Passed to the synthetic generators (``n_customers``, ``seed``).

    Returns
    -------
    pandas.DataFrame
        For transaction data sets, a table in the course schema (see module
        docstring); for ``online_retail_raw``, the file's own columns.

    Raises
    ------
    DatasetError
        If the name is unknown, the file is missing or unreadable, or a
        column or row breaks the schema; the message names the file, the
        column and the row.

    Examples
    --------
    >>> load_dataset("leads_small").columns.tolist()
    ['lead_id', 'company', 'budget', 'has_authority', 'has_need']
    >>> load_dataset("no_such_data")
    Traceback (most recent call last):
    ...
    course.data.DatasetError: unknown data set 'no_such_data'; choose one of ...
    """
    if name not in DATASETS:
        raise DatasetError(f"unknown data set {name!r}; choose one of {list_datasets()}")
    if name == "retail_small":
        from course.synthetic import make_transactions

        return make_transactions(**({"n_customers": 200, "seed": 0} | kwargs))
    if name == "leads_small":
        from course.synthetic import make_leads

        return make_leads(**({"n_leads": 40, "seed": 0} | kwargs))
    path = data_dir() / DATASETS[name].file
    if name == "online_retail_raw":
        return read_online_retail_raw(path)
    if name == "online_retail":
        return clean_online_retail(read_online_retail_raw(path), source=path.name)
    return read_cdnow(path, sample=name == "cdnow_sample")


def _require_file(path: Path) -> None:
    if not path.exists():
        raise DatasetError(
            f"data file {path} is missing; it ships in the repository's datasets/ folder "
            "(set CRM_COURSE_DATA to use another folder)")


def _require_columns(df: pd.DataFrame, columns, source: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DatasetError(
            f"{source}: missing column(s) {missing}; found {list(df.columns)}")


def read_online_retail_raw(path: str | Path) -> pd.DataFrame:
    """Read the UCI Online Retail file unchanged, checking its columns.

    Parameters
    ----------
    path : str or Path
        A (possibly gzip-compressed) CSV with the columns of
        :data:`RAW_RETAIL_COLUMNS`.

    Raises
    ------
    DatasetError
        If the file is missing, unreadable, lacks a column, or a date cannot
        be parsed (the row is named).
    """
    path = Path(path)
    _require_file(path)
    try:
        df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str})
    except _READ_ERRORS as exc:
        raise DatasetError(f"{path.name}: cannot be read as CSV: {exc}") from exc
    _require_columns(df, RAW_RETAIL_COLUMNS, path.name)
    dates = pd.to_datetime(df["InvoiceDate"], errors="coerce")
    bad = dates.isna() & df["InvoiceDate"].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise DatasetError(
            f"{path.name}: column 'InvoiceDate', data row {row + 1} (line {row + 2}): "
            f"cannot parse {df['InvoiceDate'].iloc[row]!r} as a date")
    df["InvoiceDate"] = dates
    return df


#: Cleaning rules of :func:`clean_online_retail`, in the order they are applied; the
#: keys of :func:`cleaning_report`'s ``rule`` column.
CLEANING_RULES = ("duplicates", "no_customer", "cancellation_lines", "netted_orders",
                  "unmatched_cancellations", "non_positive")


def _net_cancellations(orders: pd.DataFrame, cancels: pd.DataFrame):
    """Net cancellation lines against the order lines they cancel.

    A cancellation cancels lines of the same customer, stock code and unit price placed
    at or before its time, the most recent first, until its quantity is used up.

    Returns
    -------
    tuple
        ``(remaining, unmatched)``: the quantity left on each order line (aligned with
        ``orders``) and the cancelled quantity of each cancellation line that found no
        order line to cancel (aligned with ``cancels``).
    """
    key = ["CustomerID", "StockCode", "UnitPrice"]
    events = pd.concat([
        orders[key + ["InvoiceDate", "Quantity"]].assign(_kind=0, _pos=np.arange(len(orders))),
        cancels[key + ["InvoiceDate", "Quantity"]].assign(_kind=1, _pos=np.arange(len(cancels))),
    ], ignore_index=True)
    # only keys that have a cancellation need the sequential pass
    has_cancel = events.groupby(key, sort=False)["_kind"].transform("max") == 1
    events = events[has_cancel].sort_values(key + ["InvoiceDate", "_kind"], kind="stable")
    remaining = orders["Quantity"].to_numpy(dtype="int64").copy()
    unmatched = np.zeros(len(cancels), dtype="int64")
    stack: list[int] = []
    last_key = None
    for cust, code, price, kind, pos, qty in zip(
            events["CustomerID"], events["StockCode"], events["UnitPrice"], events["_kind"],
            events["_pos"], events["Quantity"], strict=True):
        if (cust, code, price) != last_key:
            stack, last_key = [], (cust, code, price)
        if kind == 0:
            stack.append(pos)
            continue
        need = -int(qty)
        while need > 0 and stack:
            top = stack[-1]
            take = min(need, remaining[top])
            remaining[top] -= take
            need -= take
            if remaining[top] == 0:
                stack.pop()
        unmatched[pos] = need
    return remaining, unmatched


def clean_online_retail(raw: pd.DataFrame, source: str = "online_retail",
                        with_report: bool = False):
    """Apply the documented cleaning rules and return the course schema.

    Rules, in order (``datasets/README.md`` gives the counts):

    1. drop exact duplicate rows;
    2. drop rows without a CustomerID;
    3. net each cancellation (InvoiceNo starting with ``C``) against the order lines it
       cancels: lines of the same customer, stock code and unit price placed at or before
       it, the most recent first, until its quantity is used up. An order line cancelled
       in full is dropped, one cancelled in part keeps the rest of its quantity; cancelled
       quantity that finds no such line (its order lies before the data begin, or it is a
       manual adjustment, a discount or postage) is dropped and counted. The cancellation
       lines themselves are then dropped;
    4. drop rows with Quantity <= 0 or UnitPrice <= 0 (free samples).

    Parameters
    ----------
    raw : pandas.DataFrame
        The table from :func:`read_online_retail_raw`.
    source : str
        Named in error messages.
    with_report : bool, default False
        Also return :func:`cleaning_report`'s table.

    Returns
    -------
    pandas.DataFrame or tuple
        The cleaned table; with ``with_report``, ``(table, report)``.

    Examples
    --------
    Customer 17850 orders 5 units, then cancels 3 of them; customer 2 cancels an order
    placed before the data begin:

    >>> raw = pd.DataFrame({
    ...     "InvoiceNo": ["1", "1", "C2", "C3", "4"], "StockCode": ["a", "a", "a", "b", "c"],
    ...     "Description": ["x", "x", "x", "y", "z"], "Quantity": [5, 5, -3, -1, 1],
    ...     "InvoiceDate": pd.to_datetime(["2011-01-01", "2011-01-01", "2011-01-02",
    ...                                    "2011-01-02", "2011-01-03"]),
    ...     "UnitPrice": [1.5, 1.5, 1.5, 2.0, 3.0],
    ...     "CustomerID": [17850.0, 17850.0, 17850.0, 2.0, None], "Country": ["UK"] * 5})
    >>> clean_online_retail(raw)[["customer_id", "order_id", "quantity", "amount"]]
      customer_id order_id  quantity  amount
    0       17850        1         2     3.0
    >>> clean_online_retail(raw, with_report=True)[1][["rule", "lines", "amount"]]
                          rule  lines  amount
    0               duplicates      1     7.5
    1              no_customer      1     3.0
    2       cancellation_lines      2     6.5
    3            netted_orders      0     4.5
    4  unmatched_cancellations      1     2.0
    5             non_positive      0     0.0
    """
    _require_columns(raw, RAW_RETAIL_COLUMNS, source)

    def value(frame, quantity=None):
        q = frame["Quantity"] if quantity is None else quantity
        return float((q * frame["UnitPrice"]).abs().sum())

    rows = []
    duplicate = raw.duplicated()
    df, dropped = raw[~duplicate], raw[duplicate]
    rows.append(("duplicates", len(dropped), value(dropped), len(df)))
    dropped = df[df["CustomerID"].isna()]
    df = df[df["CustomerID"].notna()]
    rows.append(("no_customer", len(dropped), value(dropped), len(df)))
    is_cancel = df["InvoiceNo"].astype(str).str.startswith("C")
    cancels, orders = df[is_cancel], df[~is_cancel]
    remaining, unmatched = _net_cancellations(orders, cancels)
    rows.append(("cancellation_lines", len(cancels), value(cancels), len(orders)))
    netted = orders["Quantity"].to_numpy() - remaining
    orders = orders.assign(Quantity=remaining)
    kept = orders["Quantity"] > 0
    rows.append(("netted_orders", int((~kept).sum()),
                 float((netted * orders["UnitPrice"].to_numpy()).sum()), int(kept.sum())))
    rows.append(("unmatched_cancellations", int((unmatched > 0).sum()),
                 float((unmatched * cancels["UnitPrice"].to_numpy()).sum()), int(kept.sum())))
    orders = orders[kept]
    good = (orders["Quantity"] > 0) & (orders["UnitPrice"] > 0)
    rows.append(("non_positive", int((~good).sum()), value(orders[~good]), int(good.sum())))
    df = orders[good]
    out = pd.DataFrame({
        "customer_id": df["CustomerID"].astype("int64").astype(str),
        "order_id": df["InvoiceNo"].astype(str),
        "date": df["InvoiceDate"],
        "quantity": df["Quantity"].astype("int64"),
        "unit_price": df["UnitPrice"].astype("float64"),
        "amount": (df["Quantity"] * df["UnitPrice"]).round(2).astype("float64"),
        "stock_code": df["StockCode"].astype(str),
        "description": df["Description"],
        "country": df["Country"],
    }).reset_index(drop=True)
    if not with_report:
        return out
    report = pd.DataFrame(rows, columns=["rule", "lines", "amount", "lines_left"])
    report["amount"] = report["amount"].round(2)
    return out, report


def cleaning_report(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each cleaning rule of :func:`clean_online_retail` removed.

    Parameters
    ----------
    raw : pandas.DataFrame, optional
        A raw Online Retail table; by default ``load_dataset("online_retail_raw")``.

    Returns
    -------
    pandas.DataFrame
        One row per rule of :data:`CLEANING_RULES`, in order: ``rule``, ``lines`` (lines
        dropped: for ``netted_orders`` the order lines cancelled in full, for
        ``unmatched_cancellations`` the cancellation lines with quantity left over),
        ``amount`` (the value of what the rule removed, in the data's currency, always
        positive: for ``netted_orders`` the value cancelled off order lines, in full or
        in part) and ``lines_left`` (order lines left after the rule).

    Examples
    --------
    >>> report = cleaning_report()
    >>> report["rule"].tolist() == list(CLEANING_RULES)
    True
    """
    if raw is None:
        raw = load_dataset("online_retail_raw")
    return clean_online_retail(raw, with_report=True)[1]


def read_cdnow(path: str | Path, sample: bool = False) -> pd.DataFrame:
    """Read the CDNOW master file (or its 1/10 sample) into the course schema.

    Each line is one purchase record; ``order_id`` is ``<customer>-<date>``, so
    the lines of one customer on one day form one order. ``unit_price`` is the
    average price per CD of the line. A header line is skipped if present.

    Parameters
    ----------
    path : str or Path
        The file.
    sample : bool, default False
        The file is the 1/10 sample (``cdnow_sample.txt.gz``), whose lines have a
        second field, the customer's number in the sample (1 to 2,357): it is kept
        as the extra column ``sample_id``; ``customer_id`` is the master id.

    Raises
    ------
    DatasetError
        If the file is missing, a line has the wrong number of fields, or a
        value does not parse (the line is named).
    """
    path = Path(path)
    _require_file(path)
    try:
        names = ["customer_id", *(["sample_id"] if sample else []), "date", "quantity",
                 "amount"]
        df = pd.read_csv(path, sep=r"\s+", header=None, names=names, dtype=str)
    except _READ_ERRORS as exc:
        raise DatasetError(f"{path.name}: cannot be read: {exc}") from exc
    # The shipped file starts with a header line (customer_id date number_of_cds
    # dollar_value); the original distribution has none. Accept both.
    first_line = 1
    if len(df) and not str(df["customer_id"].iloc[0]).isdigit():
        df = df.iloc[1:].reset_index(drop=True)
        first_line = 2
    dates = pd.to_datetime(df["date"], format="%Y%m%d", errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise DatasetError(f"{path.name}: line {row + first_line}, column 'date': "
                           f"cannot parse {df['date'].iloc[row]!r} as YYYYMMDD")
    for col in ("quantity", "amount"):
        values = pd.to_numeric(df[col], errors="coerce")
        if values.isna().any():
            row = int(np.flatnonzero(values.isna().to_numpy())[0])
            raise DatasetError(f"{path.name}: line {row + first_line}, column {col!r}: "
                               f"cannot parse {df[col].iloc[row]!r} as a number")
        df[col] = values
    out = pd.DataFrame({
        "customer_id": df["customer_id"].str.lstrip("0"),
        "order_id": df["customer_id"].str.lstrip("0") + "-" + df["date"],
        "date": dates,
        "quantity": df["quantity"].astype("int64"),
        "unit_price": (df["amount"] / df["quantity"].where(df["quantity"] > 0)).fillna(0.0),
        "amount": df["amount"].astype("float64"),
    })
    if sample:
        values = pd.to_numeric(df["sample_id"], errors="coerce")
        if values.isna().any():
            row = int(np.flatnonzero(values.isna().to_numpy())[0])
            raise DatasetError(f"{path.name}: line {row + first_line}, column 'sample_id': "
                               f"cannot parse {df['sample_id'].iloc[row]!r} as a number")
        out["sample_id"] = values.astype("int64")
    return out


def validate_transactions(tx: pd.DataFrame, source: str = "transactions",
                          allow_returns: bool = False) -> pd.DataFrame:
    """Check that a table is in the course schema and say precisely what is wrong.

    Parameters
    ----------
    tx : pandas.DataFrame
        The table to check.
    source : str
        Named in error messages (a file name or a variable name).
    allow_returns : bool, default False
        Accept negative quantities and amounts (returns) instead of rejecting them.

    Returns
    -------
    pandas.DataFrame
        ``tx`` itself, so the call can be chained.

    Raises
    ------
    DatasetError
        Naming the missing column, or the first bad row and its value.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a"], "order_id": ["1"],
    ...                    "date": pd.to_datetime(["2024-01-01"]), "quantity": [-2],
    ...                    "unit_price": [1.0], "amount": [-2.0]})
    >>> validate_transactions(tx, source="my_table")
    Traceback (most recent call last):
    ...
    course.data.DatasetError: my_table: column 'quantity', row 0: negative value -2 ...
    """
    if not isinstance(tx, pd.DataFrame):
        raise DatasetError(f"{source}: expected a pandas DataFrame, got {type(tx).__name__}")
    _require_columns(tx, TRANSACTION_COLUMNS, source)
    if not pd.api.types.is_datetime64_any_dtype(tx["date"]):
        raise DatasetError(f"{source}: column 'date' must hold dates (datetime64), "
                           f"found dtype {tx['date'].dtype}")
    for col in ("customer_id", "order_id", "date", "amount"):
        if tx[col].isna().any():
            row = tx.index[tx[col].isna().to_numpy()][0]
            raise DatasetError(f"{source}: column {col!r}, row {row}: missing value")
    if not allow_returns:
        for col in ("quantity", "amount"):
            neg = tx[col] < 0
            if neg.any():
                row = tx.index[neg.to_numpy()][0]
                raise DatasetError(
                    f"{source}: column {col!r}, row {row}: negative value {tx.at[row, col]} "
                    "(a return?); drop returns first or pass allow_returns=True")
    return tx
