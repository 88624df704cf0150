"""Genomic results: gene, result, variant, origin; family members' results are never the patient's."""

from __future__ import annotations

import json

import pytest

from extract.fields.genomics import GeneVocabulary, extract_genomics
from extract.vocab import VOCAB_DIR, load_json
from ingest.errors import ConfigurationError
from tests.clinical_helpers import evidence_text, run

ROWS = [
    # (text, {gene: expected leaves}, {gene: {leaf: evidence text}})
    # A class written right after a gene is its own, even after a list negation.
    ("Pt's own testing: negative for BRCA1/2, PALB2 VUS.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}, "PALB2": {"result": "vus"}},
     {"PALB2": {"result": "VUS"}}),
    ("Germline panel negative for BRCA1, BRCA2; CHEK2 variant of uncertain significance.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}, "CHEK2": {"result": "vus"}}, {}),
    ("Germline: negative for BRCA1, BRCA2 and PALB2.",
     {g: {"result": "not_detected"} for g in ("BRCA1", "BRCA2", "PALB2")}, {}),
    # round 10: a list item naming what was looked for ("ERBB2 mutation") does not end the list.
    ("Not detected: AKT1, PTEN, ERBB2 mutation, BRCA1, BRCA2, PALB2\nTumor mutational burden: 4.2 m/MB (low).",
     {g: {"result": "not_detected"} for g in ("AKT1", "PTEN", "ERBB2", "BRCA1", "BRCA2", "PALB2")},
     {"BRCA1": {"result": "Not detected"}}),
    ("Negative for ESR1 mutations, AKT1 alterations and PTEN loss.",
     {g: {"result": "not_detected"} for g in ("ESR1", "AKT1", "PTEN")}, {}),
    ("PIK3CA mutation detected, ESR1 and AKT1 mutations not detected.",
     {"PIK3CA": {"result": "detected"}, "ESR1": {"result": "not_detected"}, "AKT1": {"result": "not_detected"}}, {}),
    # Negations whose "no" stands before qualifiers or the genes themselves (once read as pathogenic).
    ("No germline pathogenic variants identified in BRCA1, BRCA2, PALB2, CHEK2, ATM.",
     {g: {"result": "not_detected"} for g in ("BRCA1", "BRCA2", "PALB2", "CHEK2", "ATM")}, {}),
    ("No BRCA1 or BRCA2 mutation was identified.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}},
     {"BRCA1": {"result": "No BRCA1 or BRCA2 mutation was identified"}}),
    ("No BRCA1 or BRCA2 mutation was identified. PALB2 pathogenic variant detected.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}, "PALB2": {"result": "pathogenic"}}, {}),
    ("Germline genetic testing (Invitae): pathogenic variant in BRCA2 c.5946delT (p.Ser1982fs).",
     {"BRCA2": {"result": "pathogenic", "origin": "germline", "variant": "c.5946delT"}},
     {"BRCA2": {"variant": "c.5946delT", "result": "pathogenic variant", "origin": "Invitae"}}),
    ("Germline testing negative for BRCA1, BRCA2, PALB2, CHEK2 and ATM.",
     {g: {"result": "not_detected", "origin": "germline"} for g in ("BRCA1", "BRCA2", "PALB2", "CHEK2", "ATM")}, {}),
    ("Her mother carries a BRCA1 mutation. Patient's own testing: BRCA1/2 negative.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}}, {"BRCA2": {"gene": "2"}}),
    ("FoundationOne CDx: PIK3CA H1047R mutation detected; ESR1 not detected; TP53 wild type.",
     {"PIK3CA": {"result": "detected", "origin": "somatic", "variant": "H1047R"},
      "ESR1": {"result": "not_detected", "origin": "somatic"}, "TP53": {"result": "not_detected"}},
     {"PIK3CA": {"origin": "FoundationOne CDx"}}),
    # gen11-b: a negation right after one gene and before a comma is that gene's, not the next one's.
    ("Genomics: ctDNA (Guardant) 2026-09: ESR1 not detected, PIK3CA H1047R detected.",
     {"ESR1": {"result": "not_detected"}, "PIK3CA": {"result": "detected", "variant": "H1047R"}},
     {"PIK3CA": {"result": "detected", "variant": "H1047R"}, "ESR1": {"result": "not detected"}}),
    ("ctDNA: ESR1 not detected; PIK3CA E545K.", {"ESR1": {"result": "not_detected"}, "PIK3CA": {"result": "detected", "variant": "E545K"}}, {}),
    ("Guardant360 ctDNA: ESR1 Y537S detected.", {"ESR1": {"result": "detected", "origin": "somatic", "variant": "Y537S"}}, {}),
    ("CHEK2 variant of uncertain significance (c.1100delC).", {"CHEK2": {"result": "vus", "variant": "c.1100delC"}}, {}),
    ("No pathogenic variants were identified in BRCA1 or BRCA2.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}}, {}),
    ("Tumor NGS showed a somatic BRCA2 mutation.", {"BRCA2": {"result": "detected", "origin": "somatic"}}, {}),
    ("BRCA2 c.5946del p.Ser1982Argfs*22 Heterozygous Pathogenic",
     {"BRCA2": {"result": "pathogenic", "variant": "c.5946del"}}, {"BRCA2": {"result": "Pathogenic"}}),
    ("No pathogenic variants, likely pathogenic variants or variants of uncertain significance were detected in BRCA1.",
     {"BRCA1": {"result": "not_detected"}}, {}),
    ("Germline testing: BRCA2 pathogenic variant (c.5946del).",
     {"BRCA2": {"result": "pathogenic", "origin": "germline", "variant": "c.5946del"}}, {}),
    ("She is a BRCA1 mutation carrier.", {"BRCA1": {"result": "pathogenic", "origin": "germline"}}, {}),
    ("PIK3CA: E545K mutation.", {"PIK3CA": {"result": "detected", "origin": "somatic", "variant": "E545K"}},
     {"PIK3CA": {"origin": "PIK3CA"}}),  # acquired by nature: origin by gene, marked derived
    ("Germline BRCA testing was negative.", {"BRCA1": {"result": "not_detected", "origin": "germline"},
                                             "BRCA2": {"result": "not_detected", "origin": "germline"}}, {"BRCA1": {"gene": "BRCA"}}),
    ("AKT1 E17K detected in tumor tissue.", {"AKT1": {"result": "detected", "variant": "E17K"}}, {}),
    ("Hereditary breast cancer panel, 8 genes (ATM, BRCA1, BRCA2, CDH1, CHEK2, PALB2, PTEN, TP53): full "
     "sequencing.\nResult: NEGATIVE - no pathogenic or likely pathogenic variants were identified.\nOne variant of "
     "uncertain significance (VUS) was reported: ATM c.4388T>G (p.Phe1463Cys).",
     {"ATM": {"result": "vus", "variant": "c.4388T>G", "origin": "germline"},
      **{g: {"result": "not_detected", "origin": "germline"} for g in ("BRCA1", "BRCA2", "CDH1", "CHEK2", "PALB2", "PTEN", "TP53")}},
     {"BRCA1": {"result": "Result: NEGATIVE", "gene": "BRCA1"}}),
    ("Liquid biopsy (Guardant360, 1/12/26): ESR1 Y537S detected, PIK3CA not detected.",
     {"ESR1": {"result": "detected", "variant": "Y537S", "origin": "somatic"},
      "PIK3CA": {"result": "not_detected", "origin": "somatic"}}, {"ESR1": {"result": "detected"}}),
    ("Germline: neg (Myriad myRisk 2024). FoundationOne Liquid CDx 2/2026: ESR1 D538G, PIK3CA E545K.",
     {"ESR1": {"result": "detected", "variant": "D538G", "origin": "somatic"},
      "PIK3CA": {"result": "detected", "variant": "E545K", "origin": "somatic"}}, {"ESR1": {"result": "D538G"}}),
    ("Germline panel (Invitae): BRCA2 c.8167G>C.", {}, {}),  # a named germline variant without a class may be a VUS
    ("A variant of uncertain significance was identified in the CHEK2 gene (c.1283C>T).",
     {"CHEK2": {"result": "vus", "variant": "c.1283C>T"}}, {"CHEK2": {"result": "variant of uncertain significance"}}),
    ("Tumor NGS (FoundationOne CDx): ERBB2 amplification detected.", {"ERBB2": {"result": "detected"}}, {}),
    # "likely pathogenic" is a class, not doubt; zygosity is a germline report's word
    ("Impression: Likely pathogenic variant in PALB2 (c.3113G>A).",
     {"PALB2": {"result": "pathogenic", "variant": "c.3113G>A"}}, {"PALB2": {"result": "Likely pathogenic variant"}}),
    ("Gene: CHEK2   Variant: c.1100delC   Zygosity: Heterozygous   Classification: Pathogenic",
     {"CHEK2": {"result": "pathogenic", "origin": "germline", "variant": "c.1100delC"}}, {"CHEK2": {"origin": "Zygosity"}}),
    ("Tumor NGS: PIK3CA H1047R detected; loss of heterozygosity at BRCA2.",
     {"PIK3CA": {"result": "detected", "origin": "somatic"}}, {}),
    # session 11: genes of tumour panels beyond the reference's list; a stop gain ("Q563*") is a variant.
    ("Tumor NGS: ARID1A Q563* detected (VAF 12%); KMT2C loss-of-function variant detected.",
     {"ARID1A": {"result": "detected", "origin": "somatic", "variant": "Q563*"},
      "KMT2C": {"result": "detected", "origin": "somatic"}},
     {"ARID1A": {"gene": "ARID1A", "variant": "Q563*"}}),
    # A lineage immunostain panel is no sequencing result.
    ("Metastatic carcinoma, consistent with breast primary (GATA3 positive, CK7 positive, CK20 negative).", {}, {}),
    ("Immunoprofile: GATA3+, TRPS1+, SOX10-.", {}, {}),
    # gen12: a lone lineage stain after the receptor stains (it had given a germline pathogenic GATA3)
    ("Core biopsy of the larger node: metastatic poorly differentiated carcinoma, ER 0, PR 0, HER2 0,\nGATA3 positive, "
     "in keeping with metastasis from the previous left breast primary. Plan: germline BRCA testing.", {}, {}),
    ("Tumor NGS: PIK3R1 and ERBB3: no alteration detected. MYC amplification detected.",
     {"PIK3R1": {"result": "not_detected"}, "ERBB3": {"result": "not_detected"}, "MYC": {"result": "detected"}}, {}),
    # lead, fifteenth round: a table's heading line names the origin of the rows under it (the page names both)
    ("Somatic - Potentially Actionable\n  Gene   Alteration\n  PIK3CA p.E545K  31.4%\nSomatic - Biologically Relevant\n"
     "  CDH1   p.Q23*  Stop gain  29.0%\nGermline findings\n  CHEK2  c.1100delC  Pathogenic\n",
     {"PIK3CA": {"origin": "somatic"}, "CDH1": {"origin": "somatic"}, "CHEK2": {"origin": "germline", "result": "pathogenic"}},
     {"CDH1": {"origin": "Somatic"}, "CHEK2": {"origin": "Germline"}}),
    # gen19-b: a named variant said to be absent is no detected variant of its gene
    ("SUMMARY OF ALTERATIONS DETECTED (somatic, in cfDNA)\n  ESR1 D538G   2.1%\n\nComment: No ESR1 Y537S or E380Q "
     "was seen.", {"ESR1": {"result": "detected", "variant": "D538G", "origin": "somatic"}}, {"ESR1": {"variant": "D538G"}}),
    # ... a tumour's copy loss ("homozygous deletion", "PTEN loss") is detected and somatic, not a germline
    # zygosity; "no amplification", "no point mutation" are negative
    ("3. PTEN: homozygous deletion of exons 3-9 in the tumour (PTEN loss).",
     {"PTEN": {"result": "detected", "origin": "somatic"}}, {"PTEN": {"result": "loss", "origin": "in the tumour"}}),
    ("5. ERBB2: no amplification (copy number 2).", {"ERBB2": {"result": "not_detected"}},
     {"ERBB2": {"result": "no amplification"}}),
    ("Tumour NGS: TP53 no point mutation.", {"TP53": {"result": "not_detected", "origin": "somatic"}},
     {"TP53": {"result": "no point mutation"}}),
    ("Metastatic tissue with loss of PTEN through a homozygous deletion; both are somatic tumour alterations.",
     {"PTEN": {"result": "detected", "origin": "somatic"}}, {"PTEN": {"origin": "somatic"}}),
    # ... a list item's later sentence reports the same test: its origin is the item's
    ("- Germline testing (NGS hereditary panel, blood): BRCA1 pathogenic variant c.68_69delAG, heterozygous. No "
     "pathogenic variant in BRCA2, PALB2.\n- PET-CT: no distant metastases.\n",
     {"BRCA1": {"result": "pathogenic", "origin": "germline"}, "BRCA2": {"result": "not_detected", "origin": "germline"},
      "PALB2": {"result": "not_detected", "origin": "germline"}}, {"PALB2": {"origin": "heterozygous"}}),
    # ... "nor in the other genes tested" after named genes holds for the rest of the listed panel
    ("Result (inherited breast cancer panel: BRCA1, BRCA2, PALB2, ATM, CHEK2, RAD51D; blood sample): no pathogenic "
     "variants were detected in BRCA1, BRCA2 or PALB2, nor in the other genes tested.",
     {g: {"result": "not_detected", "origin": "germline"} for g in ("BRCA1", "BRCA2", "PALB2", "ATM", "CHEK2", "RAD51D")},
     {"CHEK2": {"result": "no pathogenic variants were detected"}}),
    ("Panel: BRCA1, BRCA2, PALB2, ATM, CHEK2 (blood).\nNo pathogenic variants were detected in BRCA1 or BRCA2.",
     {"BRCA1": {"result": "not_detected"}, "BRCA2": {"result": "not_detected"}}, {}),
    # ... a germline or tumour prefix on BRCA ("gBRCA2", "tBRCA"); a cue after another gene is that gene's
    # ("PIK3CA H1047R (0.8%), ESR1 not detected"); "not a BRCA carrier" is negative
    ("She is a gBRCA2 mutation carrier (6174delT).", {"BRCA2": {"result": "pathogenic", "origin": "germline"}},
     {"BRCA2": {"gene": "BRCA2", "origin": "gBRCA2"}}),
    ("Tumour BRCA (tBRCA) testing: no pathogenic variant detected.",
     {"BRCA1": {"result": "not_detected", "origin": "somatic"}, "BRCA2": {"result": "not_detected", "origin": "somatic"}}, {}),
    ("Guardant360: PIK3CA H1047R (0.8%), ESR1 not detected.",
     {"PIK3CA": {"result": "detected", "variant": "H1047R"}, "ESR1": {"result": "not_detected"}},
     {"PIK3CA": {"result": "H1047R"}}),
    ("Germline testing 2021 (Myriad MyRisk): she was told she is not a BRCA carrier.",
     {"BRCA1": {"result": "not_detected", "origin": "germline"}, "BRCA2": {"result": "not_detected", "origin": "germline"}},
     {"BRCA1": {"result": "not a BRCA carrier"}}),
    ("Note: the patient's BRCA1/2 germline test (2018) was negative according to the referral form.",
     {"BRCA1": {"result": "not_detected", "origin": "germline"}, "BRCA2": {"result": "not_detected", "origin": "germline"}},
     {}),
    # ... a page whose title opens with an origin ("LIQUID BIOPSY REPORT") gives it to the rows far below
    ("LIQUID BIOPSY REPORT - CIRCULATING TUMOR DNA (cfDNA) PANEL\n" + "Sample: peripheral blood, Streck tubes.\n" * 12
     + "ALTERATIONS NOT DETECTED IN KEY BREAST GENES\n  PTEN: no alterations detected\nComment: germline testing "
     "should be considered.\n", {"PTEN": {"result": "not_detected", "origin": "somatic"}},
     {"PTEN": {"origin": "LIQUID BIOPSY"}}),
    ("- Tumour sequencing (FoundationOne CDx): PIK3CA H1047R.\n- Germline: blood sent.\nNo pathogenic variant in "
     "BRCA2.\n", {"PIK3CA": {"result": "detected", "origin": "somatic"}, "BRCA2": {"result": "not_detected",
                                                                            "origin": "germline"}}, {}),
    # gen21-b: the family's variant tested in the patient and not found is her own negative result
    ("Result (reported 15/11/2026):\n - Familial BRCA2 c.9097dup: NOT detected. She does not carry her sister's "
     "variant.\n", {"BRCA2": {"result": "not_detected"}}, {"BRCA2": {"result": "NOT detected"}}),
    ("Claire herself was tested in 2025 and does not carry the family variant (BRCA1 c.68_69del not detected).",
     {"BRCA1": {"result": "not_detected"}}, {"BRCA1": {"result": "not detected"}}),
    # gen21-b: a bracketed list wrapped over two lines and closed by "and others" before its result
    ("  All other genes analysed (BRCA1, PALB2, CHEK2, TP53, PTEN, CDH1, STK11, RAD51C, RAD51D,\n  BRIP1, BARD1 and "
     "others): no reportable variants.\n", {g: {"result": "not_detected"} for g in (
         "BRCA1", "PALB2", "CHEK2", "TP53", "PTEN", "CDH1", "STK11", "RAD51C", "RAD51D", "BRIP1", "BARD1")},
     {"BRCA1": {"result": "no reportable variants"}}),
    ("  BRCA1, BRCA2, CHEK2, TP53, PTEN, CDH1 and all remaining genes: negative\n",
     {g: {"result": "not_detected"} for g in ("BRCA1", "BRCA2", "CHEK2", "TP53", "PTEN", "CDH1")}, {}),
    # gen21-b: "No pathogenic or likely pathogenic variants in the other genes tested": the panel's other genes
    ("Genes tested: BRCA1, BRCA2, PALB2, ATM, CHEK2.\nResult: BRCA1 variant of uncertain significance c.5123C>A. No "
     "pathogenic or likely pathogenic variants in the other genes tested.\n",
     {"BRCA1": {"result": "vus"}, **{g: {"result": "not_detected"} for g in ("BRCA2", "PALB2", "ATM", "CHEK2")}},
     {"PALB2": {"result": "No pathogenic or likely pathogenic variants"}}),
    # gen21-b: a clinical genetics department's letter tests what is inherited
    ("Department of Clinical Genetics\nResult: BRCA1: a variant of uncertain significance, c.5123C>A, was identified.\n",
     {"BRCA1": {"result": "vus", "origin": "germline"}}, {"BRCA1": {"origin": "Clinical Genetics"}}),
    # gen21-b: the patient herself in a family history paragraph, the family's variant not found (wrapped)
    ("Family history: her mother died of ovarian cancer at 52 and was found to carry a BRCA1\npathogenic variant. Claire "
     "herself was tested in 2025 and does not carry the family variant\n(BRCA1 c.68_69del not detected). Her maternal "
     "aunt had liver metastases.\n", {"BRCA1": {"result": "not_detected"}}, {"BRCA1": {"result": "not detected"}}),
    # gen21-b: a family history paragraph ends at the next paragraph that opens with a label
    ("Family history: her sister was found last year to carry a pathogenic BRCA2 variant.\n\nTesting: we "
     "tested her blood; BRCA2: no pathogenic variant detected.\n", {"BRCA2": {"result": "not_detected"}}, {}),
    # gen23-b: a gene list "negative for pathogenic variants unless listed above": the genes reported above keep
    # their own results
    ("  GENE     VARIANT                         ZYGOSITY        CLASSIFICATION\n"
     "  BRCA2    c.5946del (p.Ser1982Argfs*22)   heterozygous    PATHOGENIC\n"
     "  CHEK2    c.1283C>T (p.Ser428Phe)         heterozygous    Uncertain Significance\n\n"
     "  Genes analysed (negative for pathogenic variants unless listed above): ATM, BARD1, BRCA1,\n"
     "  CHEK2, PALB2, TP53.\n",
     {"BRCA2": {"result": "pathogenic", "origin": "germline"}, "CHEK2": {"result": "vus", "origin": "germline"},
      "ATM": {"result": "not_detected"}, "BARD1": {"result": "not_detected"}, "BRCA1": {"result": "not_detected"},
      "PALB2": {"result": "not_detected"}, "TP53": {"result": "not_detected"}},
     {"ATM": {"result": "negative for pathogenic variants unless listed above"}}),
    # gen23-b: "no pathogenic germline variants" (the origin after the class) is a negative result, never pathogenic
    ("GERMLINE - PATHOGENIC / LIKELY PATHOGENIC\n  PALB2     c.3113G>A (p.Trp1038*)         heterozygous    Pathogenic\n\n"
     "GERMLINE - NOT DETECTED\n  BRCA1, BRCA2, ATM, CHEK2 - no pathogenic germline variants.\n",
     {"PALB2": {"result": "pathogenic", "origin": "germline"}, "BRCA1": {"result": "not_detected", "origin": "germline"},
      "BRCA2": {"result": "not_detected"}, "ATM": {"result": "not_detected"}, "CHEK2": {"result": "not_detected"}},
     {"BRCA1": {"result": "no pathogenic germline variants"}}),
    # gen23-b: a germline variant "seen" and called benign in the clause after its ";" is no pathogenic variant
    ("Clinical Genetics\nResult: a heterozygous likely pathogenic variant was identified in CHEK2, c.1100del.\nA BRCA2 "
     "variant c.9976A>T p.(Lys3326Ter) was also seen; this is a common low-penetrance\nvariant classed as benign for "
     "the purposes of clinical testing.\n",
     {"CHEK2": {"result": "pathogenic", "origin": "germline"}, "BRCA2": {"result": "not_detected", "origin": "germline"}},
     {"BRCA2": {"result": "classed as benign"}}),
    # gen23-b: the rows under a "VARIANTS OF UNCERTAIN SIGNIFICANCE" heading
    ("Guardant360 CDx\nVARIANTS OF UNCERTAIN SIGNIFICANCE\n  ATM   R2034Q   0.4%\n",
     {"ATM": {"result": "vus", "variant": "R2034Q"}}, {"ATM": {"result": "VARIANTS OF UNCERTAIN SIGNIFICANCE"}}),
    # gen23-b: the patient's own result in a family history paragraph, named "Patient germline" (wrapped)
    ("Family history: daughter BRCA1 negative (tested 2025 after patient's result). Patient germline\nBRCA1/2 negative "
     "05/2026.\n", {"BRCA1": {"result": "not_detected", "origin": "germline"},
                     "BRCA2": {"result": "not_detected", "origin": "germline"}}, {"BRCA2": {"result": "negative"}}),
]

FAMILY = [
    "FAMILY HISTORY:\nSister with breast cancer, BRCA2 positive.",
    "Her mother carries a BRCA1 mutation.",
    "The BRCA1 variant c.5266dupC that was found in your sister was not detected in your sample.",
    "You did not inherit your family's BRCA1 variant.",
    "A maternal cousin tested positive for a BRCA2 variant in 2019.",
    "If BRCA positive, consider olaparib.",
    "Genetic testing for BRCA1 and BRCA2 was ordered today; results pending.",
    "p53 immunostain: wild-type pattern.",
    "Your family history (your sister's PALB2 pathogenic variant) means relatives should be offered testing.",
    "Her daughter asked about BRCA testing; the patient herself has not had genetic testing.",
    "Alpelisib could be an option in future if a PIK3CA mutation is found.",
    # Receptor tests of the ERBB2 protein or its copies are the receptor extractor's, not genomics'.
    "HER2 (ERBB2) by Immunohistochemistry: Negative (score 1+).",
    "ERBB2 by SISH: not amplified, ratio 1.3.",
    "Her sister carries a likely pathogenic BRCA1 variant.",
    "Possibly a likely pathogenic variant in PALB2?",
    # gen19-b: a protein stain's loss is no copy loss
    "PTEN immunohistochemistry: loss of expression in the tumour cells.",
    # gen19-b: a receptor's "HER2-negative" is no gene's result
    "Current cancer treatment: Olaparib 300 mg twice a day, for gBRCA2 HER2-negative metastatic breast cancer (bone).",
    "Test: Hereditary breast cancer panel, 8 genes (ATM, BRCA1, BRCA2, CDH1, CHEK2, PALB2, PTEN,\nTP53): full sequencing "
    "and deletion/duplication analysis.",
    # gen21-b: a familial variant offered, found in a relative, or blamed: the family's, not the patient's
    "We offered her the familial BRCA2 variant test and a full breast cancer gene panel.",
    "The familial BRCA2 variant was detected in her sister.",
    "Her cancer does not appear to be caused by the family BRCA2 variant, and she is not eligible for olaparib.",
    "Family history:\n\nMother: BRCA1 pathogenic variant, breast cancer at 45.",
    "Family history: her sister herself tested positive for a BRCA2 pathogenic variant.",
    # gen23-b: a relative's result beside the patient's own testing still pending; a results heading with no row
    "Family history on requisition: mother with breast cancer, BRCA1 carrier; patient's own germline testing pending.",
    "VARIANTS OF UNCERTAIN SIGNIFICANCE\n  None reported.\n\nHer sister carries a BRCA2 VUS.",
]


@pytest.mark.parametrize("text, genes, spans", ROWS, ids=[f"genomics-{i}" for i in range(len(ROWS))])
def test_genomic_phrasings(text, genes, spans):
    found = {f.value["gene"]: f for f in run(extract_genomics, text)}
    assert set(found) == set(genes), sorted(found)
    for gene, leaves in genes.items():
        for leaf, value in leaves.items():
            assert found[gene].value.get(leaf) == value, (gene, leaf, found[gene].value)
        for leaf in found[gene].value:
            assert found[gene].leaf_evidence.get(leaf), (gene, leaf)
    for gene, leaf_spans in spans.items():
        for leaf, span in leaf_spans.items():
            assert evidence_text(found[gene], leaf) == span, (gene, leaf)


@pytest.mark.parametrize("text", FAMILY)
def test_family_members_and_hypotheticals_are_not_the_patients_results(text):
    assert [f.value for f in run(extract_genomics, text)] == []


def test_a_tumor_only_brca_finding_is_never_germline():
    (finding,) = run(extract_genomics, "Tumor-only sequencing: BRCA2 mutation detected.")
    assert finding.value["origin"] == "somatic"
    (finding,) = run(extract_genomics, "BRCA2 mutation detected.")
    assert "origin" not in finding.value  # not stated: not guessed


def test_broken_gene_vocabulary_fails_loudly(tmp_path):
    raw = json.loads((VOCAB_DIR / "genes.json").read_text())
    raw["genes"].append({"symbol": "BRCA1"})
    (tmp_path / "genes.json").write_text(json.dumps(raw))
    with pytest.raises(ConfigurationError, match="listed twice"):
        load_json("genes.json", GeneVocabulary, tmp_path)
