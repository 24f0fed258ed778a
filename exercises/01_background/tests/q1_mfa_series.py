from otter.test_files import test_case

OK_FORMAT = False

name = "q1_mfa_series"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_mfa_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'mfa', columns=['year', 'period', 'value_number', 'source'], hint='start from migrants and keep the rows counted by the Kyrgyz MFA')

