from otter.test_files import test_case

OK_FORMAT = False

name = "q3_mirror_gap"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q3_gap_is_a_number(env):
    from coursekit.checks import expect_number
    expect_number(env, 'gap_pct', low=-100, high=1000, hint='a percentage: (kazakh - kyrgyz) / kyrgyz * 100, with both in the same unit')

