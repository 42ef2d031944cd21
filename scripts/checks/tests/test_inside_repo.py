import inside_repo
from conftest import fails, write


def test_references_inside_the_repository_pass(tmp_path):
    write(tmp_path, {
        "gateway/pom.xml": "<project><dir>${project.basedir}/../examples</dir></project>\n",
        "gateway/src/test/java/A.java": 'Path p = Path.of("../examples/webhooks");\n',
        "terraform/examples/one/main.tf": 'module "m" {\n  source = "../../modules/x"\n}\n',
        "packer/a.pkr.hcl": 'source = "${path.root}/../agent/target/a.jar"\n',
        "scripts/run.sh": 'cd "$(dirname "$0")/.."\n',
    })
    assert "5 files refer to nothing above" in inside_repo.check(tmp_path)


def test_a_test_reading_a_sibling_folder_fails(tmp_path):
    write(tmp_path, {
        "gateway/pom.xml": "<project/>\n",
        "gateway/src/test/java/A.java": 'Path p = Path.of("../../sibling/github/x.json");\n',
    })
    fails(inside_repo.check, tmp_path, "gateway/src/test/java/A.java:1", "../../sibling/github/x.json")


def test_a_build_property_above_the_root_fails(tmp_path):
    write(tmp_path, {"gateway/pom.xml": "<p>${project.basedir}/../../sibling</p>\n"})
    fails(inside_repo.check, tmp_path, "gateway/pom.xml:1")


def test_a_document_linking_above_the_root_fails(tmp_path):
    write(tmp_path, {"docs/a.md": "See [design](../../DESIGN.md).\n", "README.md": "See ../sibling/x\n"})
    fails(inside_repo.check, tmp_path, "docs/a.md:1", "README.md:1")
