"""The synthetic patients, in order. Each module holds one patient's documents and truth."""

from samples.patients import (
    p01_bone_oligometastatic,
    p02_her2_fish_amplified,
    p03_triple_negative_neoadjuvant,
    p04_er_low_brca2,
    p05_lobular_second_specimen,
    p06_her2_recurrence_liver_lung,
)
from samples.spec import Patient

PATIENTS: tuple[Patient, ...] = (
    p01_bone_oligometastatic.PATIENT,
    p02_her2_fish_amplified.PATIENT,
    p03_triple_negative_neoadjuvant.PATIENT,
    p04_er_low_brca2.PATIENT,
    p05_lobular_second_specimen.PATIENT,
    p06_her2_recurrence_liver_lung.PATIENT,
)
