from otter.test_files import test_case

OK_FORMAT = False

name = "q1_icc_parties"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_icc_parties_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'icc_parties', columns=['country', 'ratified_or_acceded', 'source'], hint='start from verified(icc) and keep the States Parties')

