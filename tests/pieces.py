"""The doc_ids of the five pieces in data/raw, shared by the tests."""

D000, D001, D002, D003, D004 = (
    "000_6b0b6237182e2e41",
    "001_b70b9e225ebd2f34",
    "002_b187fa1494321f8e",
    "003_fc391db3d6640775",
    "004_f989ce08837a9471",
)
