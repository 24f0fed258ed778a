from otter.test_files import test_case

OK_FORMAT = False

name = "q1_kazakhstan_rows"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_kg_kz_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'kg_kz', columns=['year', 'flow', 'value', 'unit', 'source'], hint='start from partners[is_nsc & with_kazakhstan & full_year]')

