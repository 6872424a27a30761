//! Matrix speed targets (issue 2): import a 70-role × 5-level page < 5 ms,
//! load 200 skill files < 100 ms, one lookup < 10 µs.

use criterion::{Criterion, criterion_group, criterion_main};
use skillbot::matrix::{
    Catalog, ImportOptions, find_skill_level, find_skill_role, import_page, synthetic, to_toml,
};
use std::hint::black_box;

fn import(c: &mut Criterion) {
    let page = synthetic::page(70, 5);
    let options = ImportOptions {
        slug: "big".into(),
        name: None,
    };
    c.bench_function("import page 70 roles x 5 levels", |b| {
        b.iter(|| import_page(black_box(&page), &options).unwrap());
    });
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..200 {
        let skill = synthetic::skill(n, 10);
        std::fs::write(
            dir.path().join(format!("{}.toml", skill.slug())),
            to_toml(&skill),
        )
        .unwrap();
    }
    c.bench_function("load 200 skill files (10 roles x 5 levels each)", |b| {
        b.iter(|| Catalog::load_dir(black_box(dir.path())).unwrap());
    });
}

fn lookup(c: &mut Criterion) {
    let catalog = Catalog::new((0..200).map(|n| synthetic::skill(n, 10)).collect()).unwrap();
    c.bench_function("lookup skill by name among 200", |b| {
        b.iter(|| catalog.find_skill(black_box("Skill 150")).unwrap());
    });
    c.bench_function("lookup skill by tag word among 200", |b| {
        b.iter(|| catalog.find_skill(black_box("tag150")).unwrap());
    });
    c.bench_function("lookup miss among 200 (closest matches listed)", |b| {
        b.iter(|| catalog.find_skill(black_box("skil 15O")).unwrap_err());
    });
    let skill = catalog.get("skill-150").unwrap();
    c.bench_function("lookup skill + level + role", |b| {
        b.iter(|| {
            let s = catalog.find_skill(black_box("skill-150")).unwrap();
            let l = find_skill_level(s, black_box("senior")).unwrap();
            let r = find_skill_role(skill, black_box("role 007")).unwrap();
            (l, r.len())
        });
    });
}

criterion_group!(benches, import, load, lookup);
criterion_main!(benches);
