"""course.data and course.synthetic: every data set loads, matches its schema and its
documented figures (datasets/README.md), and every failure says where it is."""

from __future__ import annotations

import gzip
import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

from course import DatasetError, list_datasets, load_dataset
from course.data import (
    CLEANING_RULES,
    DATASETS,
    RAW_RETAIL_COLUMNS,
    TRANSACTION_COLUMNS,
    clean_online_retail,
    cleaning_report,
    data_dir,
    read_cdnow,
    read_online_retail_raw,
    validate_transactions,
)
from course.synthetic import (
    make_leads,
    make_transactions,
    rng_from_seed,
    student_shop_size,
    student_transactions,
    transactions_for_student,
)


@pytest.fixture(scope="module")
def retail_raw():
    return load_dataset("online_retail_raw")


@pytest.fixture(scope="module")
def retail():
    return load_dataset("online_retail")


@pytest.fixture(scope="module")
def cdnow():
    return load_dataset("cdnow")


def assert_course_schema(tx: pd.DataFrame) -> None:
    assert list(tx.columns[:6]) == list(TRANSACTION_COLUMNS)
    assert pd.api.types.is_string_dtype(tx["customer_id"])
    assert pd.api.types.is_string_dtype(tx["order_id"])
    assert pd.api.types.is_datetime64_any_dtype(tx["date"])
    assert tx["quantity"].dtype == "int64"
    assert tx["unit_price"].dtype == "float64"
    assert tx["amount"].dtype == "float64"
    for col in TRANSACTION_COLUMNS:
        assert not tx[col].isna().any(), col


# ------------------------------------------------------------------ every name loads


def test_list_datasets_names_every_data_set():
    assert list_datasets() == sorted(DATASETS)
    assert set(list_datasets()) == {"online_retail", "online_retail_raw", "cdnow",
                                    "cdnow_sample", "retail_small", "leads_small"}


def test_every_file_exists_and_is_documented():
    readme = (data_dir() / "README.md").read_text(encoding="utf-8")
    for name, info in DATASETS.items():
        assert f"`{name}`" in readme
        if info.file:
            assert (data_dir() / info.file).exists()
            assert info.file in readme


def test_online_retail_raw(retail_raw):
    assert retail_raw.shape == (541_909, 8)
    assert list(retail_raw.columns) == list(RAW_RETAIL_COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(retail_raw["InvoiceDate"])
    assert pd.api.types.is_string_dtype(retail_raw["InvoiceNo"])
    assert retail_raw["CustomerID"].isna().sum() == 135_080
    assert retail_raw["InvoiceNo"].str.startswith("C").sum() == 9_288
    assert (retail_raw["Quantity"] < 0).sum() == 10_624
    assert (retail_raw["UnitPrice"] <= 0).sum() == 2_517


def test_online_retail_cleaning_report_matches_the_readme(retail_raw):
    report = cleaning_report(retail_raw).set_index("rule")
    assert report.index.tolist() == list(CLEANING_RULES)
    assert report["lines"].tolist() == [5_268, 135_037, 8_872, 2_758, 1_725, 40]
    assert report["lines_left"].tolist() == [536_641, 401_604, 392_732, 389_974, 389_974,
                                             389_934]
    np.testing.assert_allclose(report.loc["cancellation_lines", "amount"], 608_689.47)
    np.testing.assert_allclose(report.loc["netted_orders", "amount"], 461_562.83)
    np.testing.assert_allclose(report.loc["unmatched_cancellations", "amount"], 147_126.64)
    # every cancelled unit is either netted against an order or counted as unmatched
    np.testing.assert_allclose(
        report.loc["netted_orders", "amount"] + report.loc["unmatched_cancellations", "amount"],
        report.loc["cancellation_lines", "amount"], atol=0.01)


def test_online_retail_clean(retail):
    assert_course_schema(retail)
    assert list(retail.columns[6:]) == ["stock_code", "description", "country"]
    assert len(retail) == 389_934
    assert retail["customer_id"].nunique() == 4_327
    assert retail["order_id"].nunique() == 18_389
    assert (retail["quantity"] > 0).all() and (retail["unit_price"] > 0).all()
    assert not retail["order_id"].str.startswith("C").any()
    assert retail["customer_id"].iloc[0] == "17850"
    np.testing.assert_allclose(retail["amount"].sum(), 8_425_646.06, rtol=1e-9)
    validate_transactions(retail, source="online_retail")


def test_cancelled_orders_are_netted_on_the_real_data(retail_raw, retail):
    """The review's two cases: orders cancelled in full no longer count as sales."""
    raw = retail_raw[retail_raw["CustomerID"].isin([16446.0, 12346.0])]
    gross = (raw["Quantity"] * raw["UnitPrice"]).where(raw["Quantity"] > 0).groupby(
        raw["CustomerID"]).sum()
    assert round(gross[16446.0], 2) == 168_472.50 and round(gross[12346.0], 2) == 77_183.60
    net = retail.groupby("customer_id")["amount"].sum()
    assert "12346" not in net.index            # his one order was cancelled
    assert round(net["16446"], 2) == 2.90      # the 80,995 units are gone, two small lines left
    big = retail_raw["InvoiceNo"].eq("581483")
    assert big.any() and not retail["order_id"].eq("581483").any()


def _order_lines(rows):
    """Raw Online Retail lines from (invoice, stock, quantity, time, price, customer)."""
    return pd.DataFrame({
        "InvoiceNo": [r[0] for r in rows], "StockCode": [r[1] for r in rows],
        "Description": "item", "Quantity": [r[2] for r in rows],
        "InvoiceDate": pd.to_datetime([r[3] for r in rows]),
        "UnitPrice": [r[4] for r in rows], "CustomerID": [r[5] for r in rows],
        "Country": "UK"})


def test_netting_cancels_the_most_recent_earlier_line_first():
    raw = _order_lines([
        ("1", "a", 10, "2011-01-01 09:00", 2.0, 1.0),
        ("2", "a", 10, "2011-01-05 09:00", 2.0, 1.0),
        ("C3", "a", -4, "2011-01-06 09:00", 2.0, 1.0),
    ])
    out = clean_online_retail(raw)
    assert out.set_index("order_id")["quantity"].to_dict() == {"1": 10, "2": 6}


def test_netting_spills_over_to_older_lines_and_counts_what_is_left():
    raw = _order_lines([
        ("1", "a", 3, "2011-01-01", 2.0, 1.0),
        ("2", "a", 2, "2011-01-02", 2.0, 1.0),
        ("C3", "a", -7, "2011-01-03", 2.0, 1.0),
    ])
    out, report = clean_online_retail(raw, with_report=True)
    assert out.empty
    report = report.set_index("rule")
    assert report.loc["netted_orders", "lines"] == 2
    assert report.loc["netted_orders", "amount"] == 10.0
    assert report.loc["unmatched_cancellations", "lines"] == 1
    assert report.loc["unmatched_cancellations", "amount"] == 4.0


@pytest.mark.parametrize("order, why", [
    (("1", "a", 5, "2011-01-09", 2.0, 1.0), "placed after the cancellation"),
    (("1", "b", 5, "2011-01-01", 2.0, 1.0), "another stock code"),
    (("1", "a", 5, "2011-01-01", 2.5, 1.0), "another price"),
    (("1", "a", 5, "2011-01-01", 2.0, 9.0), "another customer"),
])
def test_netting_only_cancels_a_matching_earlier_line(order, why):
    raw = _order_lines([order, ("C2", "a", -5, "2011-01-05", 2.0, 1.0)])
    out, report = clean_online_retail(raw, with_report=True)
    assert out["quantity"].tolist() == [5], why
    assert report.set_index("rule").loc["unmatched_cancellations", "lines"] == 1


def test_netting_does_not_depend_on_row_order():
    raw = _order_lines([
        ("1", "a", 6, "2011-01-01", 2.0, 1.0), ("2", "a", 4, "2011-01-02", 2.0, 1.0),
        ("C3", "a", -5, "2011-01-03", 2.0, 1.0), ("4", "b", 1, "2011-01-04", 1.0, 2.0),
        ("C5", "b", -1, "2011-01-05", 1.0, 2.0),
    ])
    expected = clean_online_retail(raw)
    shuffled = clean_online_retail(raw.iloc[::-1].reset_index(drop=True))
    key = ["order_id", "stock_code"]
    pd.testing.assert_frame_equal(expected.sort_values(key).reset_index(drop=True),
                                  shuffled.sort_values(key).reset_index(drop=True))


def test_online_retail_documented_shares(retail):
    from course.sims.identification import rfm_table

    rfm = rfm_table(retail)
    assert (rfm["frequency"] == 1).sum() == 1_489
    top = rfm["monetary"].sort_values(ascending=False).iloc[:865]
    assert round(top.sum() / rfm["monetary"].sum(), 3) == 0.738


def test_cdnow(cdnow):
    assert_course_schema(cdnow)
    assert len(cdnow) == 69_659
    assert cdnow["customer_id"].nunique() == 23_570
    assert cdnow["order_id"].nunique() == 67_591
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow["date"].max() == pd.Timestamp("1998-06-30")
    assert cdnow.loc[0, "customer_id"] == "1" and cdnow.loc[0, "order_id"] == "1-19970101"
    assert (cdnow["amount"] == 0).sum() == 80
    np.testing.assert_allclose(cdnow["amount"].sum(), 2_500_315.63, rtol=1e-9)


def test_retail_small():
    tx = load_dataset("retail_small")
    assert_course_schema(tx)
    assert tx.shape == (2_023, 6)
    assert tx["customer_id"].nunique() == 200
    assert tx.equals(make_transactions(n_customers=200, seed=0))
    validate_transactions(tx)


def test_leads_small():
    leads = load_dataset("leads_small")
    assert leads.columns.tolist() == ["lead_id", "company", "budget", "has_authority",
                                      "has_need"]
    assert len(leads) == 40 and leads["lead_id"].is_unique
    assert leads["budget"].dtype == "float64"
    assert leads["has_authority"].dtype == bool and leads["has_need"].dtype == bool
    assert (leads["has_authority"].sum(), leads["has_need"].sum()) == (17, 25)


def test_synthetic_kwargs_pass_through():
    assert load_dataset("retail_small", n_customers=5, seed=3)["customer_id"].nunique() == 5
    assert len(load_dataset("leads_small", n_leads=7)) == 7


# ------------------------------------------------------------------ clear errors


def test_unknown_name():
    with pytest.raises(DatasetError, match=r"unknown data set 'retail'; choose one of \["):
        load_dataset("retail")


@pytest.mark.parametrize("name, file", [("online_retail", "online_retail.csv.gz"),
                                        ("online_retail_raw", "online_retail.csv.gz"),
                                        ("cdnow", "cdnow_master.txt.gz")])
def test_missing_file(monkeypatch, tmp_path, name, file):
    monkeypatch.setenv("CRM_COURSE_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    with pytest.raises(DatasetError, match=f"{file} is missing.*CRM_COURSE_DATA"):
        load_dataset(name)


def test_synthetic_sets_need_no_files(monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_COURSE_DATA", str(tmp_path))
    assert len(load_dataset("leads_small")) == 40


@pytest.mark.parametrize("name, file", [("online_retail", "online_retail.csv.gz"),
                                        ("cdnow", "cdnow_master.txt.gz")])
@pytest.mark.parametrize("damage", ["not gzip", "truncated", "flipped bytes"])
def test_corrupt_gzip(monkeypatch, tmp_path, name, file, damage):
    data = (data_dir() / file).read_bytes()
    if damage == "not gzip":
        data = b"this is not a gzip file"
    elif damage == "truncated":
        data = data[:50_000]
    else:
        data = bytearray(data)
        for i in range(2_000, 2_400):
            data[i] ^= 0xFF
        data = bytes(data)
    (tmp_path / file).write_bytes(data)
    monkeypatch.setenv("CRM_COURSE_DATA", str(tmp_path))
    with pytest.raises(DatasetError, match=file):
        load_dataset(name)


def _write_retail(path, rows: pd.DataFrame) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        rows.to_csv(f, index=False)


def _retail_rows(n: int = 3) -> pd.DataFrame:
    return pd.DataFrame({
        "InvoiceNo": ["536365"] * n, "StockCode": ["85123A"] * n,
        "Description": ["WHITE HANGING HEART"] * n, "Quantity": [6] * n,
        "InvoiceDate": ["2010-12-01 08:26:00"] * n, "UnitPrice": [2.55] * n,
        "CustomerID": [17850] * n, "Country": ["United Kingdom"] * n})


def test_missing_column_names_file_and_column(monkeypatch, tmp_path):
    _write_retail(tmp_path / "online_retail.csv.gz", _retail_rows().drop(columns="UnitPrice"))
    monkeypatch.setenv("CRM_COURSE_DATA", str(tmp_path))
    with pytest.raises(DatasetError, match=r"online_retail.csv.gz: missing column\(s\) "
                                           r"\['UnitPrice'\]"):
        load_dataset("online_retail")


def test_clean_names_the_source_of_a_missing_column():
    with pytest.raises(DatasetError, match=r"my_frame: missing column\(s\) \['Country'\]"):
        clean_online_retail(_retail_rows().drop(columns="Country"), source="my_frame")


def test_unparseable_date_names_the_row(tmp_path):
    rows = _retail_rows(4)
    rows.loc[2, "InvoiceDate"] = "the day after tomorrow"
    path = tmp_path / "retail.csv.gz"
    _write_retail(path, rows)
    with pytest.raises(DatasetError) as err:
        read_online_retail_raw(path)
    message = str(err.value)
    assert "retail.csv.gz" in message and "'InvoiceDate'" in message
    assert "data row 3 (line 4)" in message and "the day after tomorrow" in message


def test_cdnow_reader_names_the_line(tmp_path):
    path = tmp_path / "cd.txt"
    path.write_text(" customer_id  date number_of_cds  dollar_value\r\n"
                    " 00001 19970101  1   11.77\r\n"
                    " 00002 1997-01-12  1   12.00\r\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"cd.txt: line 3, column 'date': "
                                           r"cannot parse '1997-01-12' as YYYYMMDD"):
        read_cdnow(path)
    path.write_text(" 00001 19970101  1   11.77\n 00002 19970112  one   12.00\n",
                    encoding="utf-8")
    with pytest.raises(DatasetError, match=r"cd.txt: line 2, column 'quantity'"):
        read_cdnow(path)


def test_cdnow_reader_accepts_the_file_without_header(tmp_path):
    path = tmp_path / "cd.txt"
    path.write_text(" 00001 19970101  1   11.77\n 00002 19970112  5   77.00\n",
                    encoding="utf-8")
    tx = read_cdnow(path)
    assert tx["customer_id"].tolist() == ["1", "2"]
    assert tx["unit_price"].tolist() == [11.77, 15.4]


def test_a_copy_of_the_real_folder_loads(monkeypatch, tmp_path):
    shutil.copy(data_dir() / "cdnow_master.txt.gz", tmp_path)
    monkeypatch.setenv("CRM_COURSE_DATA", str(tmp_path))
    assert len(load_dataset("cdnow")) == 69_659


def _tx(**changes) -> pd.DataFrame:
    tx = pd.DataFrame({"customer_id": ["a", "b", "c"], "order_id": ["1", "2", "3"],
                       "date": pd.to_datetime(["2024-01-01"] * 3), "quantity": [1, 2, 3],
                       "unit_price": [1.0, 1.0, 1.0], "amount": [1.0, 2.0, 3.0]})
    for col, values in changes.items():
        tx[col] = values
    return tx


def test_validate_transactions_names_the_negative_row():
    tx = _tx(quantity=[1, 2, -3], amount=[1.0, 2.0, -3.0]).set_axis([10, 11, 12])
    with pytest.raises(DatasetError, match=r"mine: column 'quantity', row 12: negative "
                                           r"value -3 \(a return\?\)"):
        validate_transactions(tx, source="mine")
    assert validate_transactions(tx, allow_returns=True) is tx


def test_validate_transactions_other_errors():
    with pytest.raises(DatasetError, match=r"t: missing column\(s\) \['amount'\]"):
        validate_transactions(_tx().drop(columns="amount"), source="t")
    with pytest.raises(DatasetError, match="column 'date' must hold dates"):
        validate_transactions(_tx(date=["2024-01-01"] * 3))
    with pytest.raises(DatasetError, match="column 'customer_id', row 1: missing value"):
        validate_transactions(_tx(customer_id=["a", None, "c"]))
    with pytest.raises(DatasetError, match="expected a pandas DataFrame, got list"):
        validate_transactions([1, 2])


# ------------------------------------------------------------------ synthetic generators


@pytest.mark.parametrize("seed", [0, 7, "student-01", "学生_01"])
def test_generators_are_reproducible(seed):
    assert make_transactions(30, seed=seed).equals(make_transactions(30, seed=seed))
    assert make_leads(30, seed=seed).equals(make_leads(30, seed=seed))
    assert_course_schema(make_transactions(30, seed=seed))


@pytest.mark.parametrize("a, b", [(0, 1), ("学生_01", "学生_02"), ("7", 7), ("学生_01", 0)])
def test_generators_differ_across_seeds(a, b):
    assert not make_transactions(30, seed=a).equals(make_transactions(30, seed=b))
    assert not make_leads(30, seed=a).equals(make_leads(30, seed=b))


def test_string_seed_is_stable_across_runs():
    # SHA-256 based, so the same on every machine and Python (no hash randomisation).
    seed = int.from_bytes(hashlib.sha256("学生_01".encode()).digest()[:8], "little")
    assert int(rng_from_seed("学生_01").integers(1_000_000)) == int(
        np.random.default_rng(seed).integers(1_000_000))


def test_generator_edge_cases():
    assert make_transactions(0, seed=1).empty
    with pytest.raises(ValueError, match="n_customers"):
        make_transactions(-1)
    with_returns = make_transactions(50, seed=2, return_rate=0.3)
    returns = with_returns[with_returns["quantity"] < 0]
    assert len(returns) > 0 and returns["order_id"].str.startswith("C").all()
    assert (with_returns["amount"] == (with_returns["quantity"]
                                       * with_returns["unit_price"]).round(2)).all()


# ------------------------------------------------------------------ per-student data (task 6)


@pytest.fixture
def no_grader_id(monkeypatch):
    monkeypatch.delenv("CRM_STUDENT_ID", raising=False)
    return monkeypatch


def test_student_transactions_is_the_students_own_shop(no_grader_id):
    mine = student_transactions("s001")
    size = student_shop_size("s001")
    assert mine.equals(make_transactions(n_customers=size, seed="ch05:s001"))
    assert mine.equals(student_transactions("s001"))
    assert mine.equals(transactions_for_student("s001"))
    assert not mine.equals(student_transactions("s002"))
    assert student_transactions("学生_01", n_customers=30).equals(
        make_transactions(n_customers=30, seed="ch05:学生_01"))
    assert_course_schema(mine)
    assert mine["customer_id"].nunique() == size
    sizes = {student_shop_size(f"s{i:03d}") for i in range(200)}
    assert min(sizes) >= 90 and max(sizes) <= 150 and len(sizes) > 30


def test_the_graders_id_wins_over_the_typed_one(no_grader_id):
    no_grader_id.setenv("CRM_STUDENT_ID", "s001")
    for typed in ("s002", "", None, "  "):
        assert student_transactions(typed).equals(transactions_for_student("s001"))
    no_grader_id.setenv("CRM_STUDENT_ID", "")  # blank: as if not set
    assert student_transactions("s002").equals(transactions_for_student("s002"))


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_no_student_id_says_what_to_do(no_grader_id, typed):
    with pytest.raises(ValueError, match='set STUDENT_ID to your student id first'):
        student_transactions(typed)
    no_grader_id.setenv("CRM_STUDENT_ID", " ")
    with pytest.raises(ValueError, match="STUDENT_ID"):
        student_transactions(typed)
