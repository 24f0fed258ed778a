from otter.test_files import test_case

OK_FORMAT = False

name = "q1_full_year"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_full_year_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'full_year', columns=['year', 'value', 'data_side', 'stated_by', 'source'], hint='start from trade and combine the four conditions with &')

