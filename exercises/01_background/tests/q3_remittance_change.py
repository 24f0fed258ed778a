from otter.test_files import test_case

OK_FORMAT = False

name = "q3_remittance_change"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q3_change_is_a_number(env):
    from coursekit.checks import expect_number
    expect_number(env, 'change_russia', low=-100, high=1000, hint='a percentage change: (new - old) / old * 100; did you multiply by 100?')

