from otter.test_files import test_case

OK_FORMAT = False

name = "q1_problem_claims"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_problems_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'problems', columns=['claim_id', 'claim', 'verdict', 'source'], hint='start from claims and keep the two verdicts the task names')

