from otter.test_files import test_case

OK_FORMAT = False

name = "q2_still_members"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_share_is_a_percentage(env):
    from coursekit.checks import expect_number
    expect_number(env, 'pct_still_members', low=0, high=100, hint='a percentage lies between 0 and 100; did you multiply by 100?')

