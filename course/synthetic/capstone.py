"""The capstone's data: each student's own slice of the real Online Retail lines.

* :func:`raw_slice_for_student`: a random sample of customers of
  ``load_dataset("online_retail_raw")`` with *all* their raw lines (orders,
  cancellations, duplicates, postage and other non-product lines), plus a
  small random share of the lines without a CustomerID, seeded from the
  student id. Nothing is changed: ids, dates, prices are the data's own.
* :func:`student_raw_slice`: the same for the notebook, where the grader's id
  (``CRM_STUDENT_ID``) wins over the id typed in the notebook.
* :func:`raw_rows`: a raw table from a few hand-written lines (self-checks,
  hidden cases).

The raw file is read once per process (:func:`raw_retail`, cached): about two
seconds; a slice then takes a few hundredths of a second.

Examples
--------
>>> a = raw_slice_for_student("s001")
>>> a.equals(raw_slice_for_student("s001")), a.equals(raw_slice_for_student("s002"))
(True, False)
>>> CAPSTONE_CUSTOMERS[0] <= a["CustomerID"].nunique() <= CAPSTONE_CUSTOMERS[1]
True
>>> list(a.columns) == list(RAW_RETAIL_COLUMNS)
True
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from course.data import RAW_RETAIL_COLUMNS, load_dataset  # noqa: F401 - the doctest
from course.synthetic import graded_student_id, rng_from_seed

__all__ = ["CAPSTONE_CUSTOMERS", "NO_ID_SHARE", "raw_retail", "raw_rows",
           "raw_slice_for_student", "student_raw_slice"]

#: How many customers a student's slice has (drawn from the id, both ends included).
CAPSTONE_CUSTOMERS = (250, 400)
#: The share of the data's lines without a CustomerID that a slice also holds.
NO_ID_SHARE = 0.002


@functools.cache
def _raw() -> pd.DataFrame:
    return load_dataset("online_retail_raw")


def raw_retail() -> pd.DataFrame:
    """``load_dataset("online_retail_raw")``, read once per process (a copy each call).

    Examples
    --------
    >>> len(raw_retail())
    541909
    """
    return _raw().copy()


def raw_slice_for_student(student_id: str) -> pd.DataFrame:
    """The capstone's raw data of one student id, whoever asks (the grader uses this).

    Parameters
    ----------
    student_id : str
        Any text; the same id always gives the same slice.

    Returns
    -------
    pandas.DataFrame
        Raw lines with the file's own columns (:data:`course.data.RAW_RETAIL_COLUMNS`),
        in the file's order, index 0, 1, 2, ...

    Examples
    --------
    >>> s = raw_slice_for_student("学生_01")
    >>> bool(s["CustomerID"].isna().any()), bool(s["InvoiceNo"].str.startswith("C").any())
    (True, True)
    """
    raw = _raw()
    rng = rng_from_seed(f"capstone:{student_id}")
    n = int(rng.integers(CAPSTONE_CUSTOMERS[0], CAPSTONE_CUSTOMERS[1] + 1))
    customers = np.sort(raw["CustomerID"].dropna().unique())
    chosen = rng.choice(customers, size=n, replace=False)
    no_id = np.flatnonzero(raw["CustomerID"].isna().to_numpy())
    anonymous = rng.choice(no_id, size=max(1, round(NO_ID_SHARE * len(no_id))), replace=False)
    keep = raw["CustomerID"].isin(chosen).to_numpy().copy()
    keep[anonymous] = True
    return raw[keep].reset_index(drop=True)


def student_raw_slice(student_id: str | None = None) -> pd.DataFrame:
    """Your own slice of the Online Retail data for the capstone, from your student id.

    While grading, the environment variable ``CRM_STUDENT_ID`` (the
    submission's id) wins over the id typed in the notebook, as in chapter 5.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> mine = student_raw_slice("s001")
    >>> os.environ["CRM_STUDENT_ID"] = "s001"
    >>> student_raw_slice("s002").equals(mine)
    True
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return raw_slice_for_student(sid)


def raw_rows(rows) -> pd.DataFrame:
    """A raw Online Retail table from ``(invoice, stock_code, quantity, date, price, customer)``.

    ``customer`` may be None (a line without a CustomerID); the description is
    the stock code and the country ``United Kingdom``.

    Examples
    --------
    >>> raw = raw_rows([("536365", "85123A", 6, "2010-12-01 08:26", 2.55, 17850),
    ...                 ("536366", "POST", 1, "2010-12-01 09:00", 18.0, None)])
    >>> raw[["InvoiceNo", "StockCode", "Quantity", "CustomerID"]]
      InvoiceNo StockCode  Quantity  CustomerID
    0    536365    85123A         6     17850.0
    1    536366      POST         1         NaN
    """
    rows = list(rows)
    return pd.DataFrame({
        "InvoiceNo": pd.Series([str(r[0]) for r in rows], dtype=object),
        "StockCode": pd.Series([str(r[1]) for r in rows], dtype=object),
        "Description": pd.Series([str(r[1]) for r in rows], dtype=object),
        "Quantity": pd.Series([int(r[2]) for r in rows], dtype="int64"),
        "InvoiceDate": pd.to_datetime(pd.Series([r[3] for r in rows], dtype=object)),
        "UnitPrice": pd.Series([float(r[4]) for r in rows], dtype="float64"),
        "CustomerID": pd.Series([np.nan if r[5] is None else float(r[5]) for r in rows],
                                dtype="float64"),
        "Country": pd.Series(["United Kingdom"] * len(rows), dtype=object),
    })
